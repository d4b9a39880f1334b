from servicekit.errors import ConflictError, DomainError, NotFoundError


class RunOutsidePolicyError(DomainError):
    status = 422
    code = "outside-policy"
    title_en = "Outside the policy"
    title_zh = "超出政策范围"


class ApplicationPolicyError(DomainError):
    status = 422
    code = "application-policy"
    title_en = "Refunds under this policy are applied for"
    title_zh = "该政策须由企业申请，不做自动返还"


class RunInFlightError(ConflictError):
    code = "run-in-flight"
    title_en = "A run of this scope is in flight"
    title_zh = "同一政策、期间和地区的批次正在运行"


class RunNotFoundError(NotFoundError):
    code = "run-not-found"
    title_en = "Run not found"
    title_zh = "返还批次不存在"
