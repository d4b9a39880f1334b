from servicekit.errors import ConflictError, DomainError, NotFoundError


class PolicyNotFoundError(NotFoundError):
    code = "policy-not-found"
    title_en = "Policy not found"
    title_zh = "返还政策不存在"


class PolicyExistsError(ConflictError):
    code = "policy-exists"
    title_en = "Policy key taken"
    title_zh = "政策编号已存在"


class PolicyOverlapError(ConflictError):
    code = "policy-overlap"
    title_en = "Overlaps a policy in force"
    title_zh = "与现行政策的地区和期间重叠"


class UnknownBankError(DomainError):
    status = 422
    code = "unknown-bank"
    title_en = "Not an active bank partner"
    title_zh = "不是有效的银行合作方"


class NotTheRegionsFederationError(DomainError):
    status = 422
    code = "not-the-regions-federation"
    title_en = "Not a federation of that region"
    title_zh = "不是该地区的总工会"
