from servicekit.errors import ConflictError, NotFoundError


class PolicyNotFoundError(NotFoundError):
    code = "policy-not-found"
    title_en = "Policy not found"
    title_zh = "返还政策不存在"


class PolicyExistsError(ConflictError):
    code = "policy-exists"
    title_en = "Policy key taken"
    title_zh = "政策编号已存在"
