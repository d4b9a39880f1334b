from servicekit.errors import ConflictError, DomainError


class SourceRefReusedError(ConflictError):
    code = "source-ref-reused"
    title_en = "Source reference already used"
    title_zh = "来源编号已用于其他荣誉"


class InvalidGrantingOrgError(DomainError):
    status = 422
    code = "invalid-granting-org"
    title_en = "Not an organisation that may grant this honour"
    title_zh = "授予单位无权授予该荣誉"
