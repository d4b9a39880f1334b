from servicekit.errors import DomainError, UnauthorizedError


class BadSignatureError(UnauthorizedError):
    code = "bad-signature"
    title_en = "Signature not verified"
    title_zh = "签名验证失败"


class InvalidOrgEventError(DomainError):
    status = 422
    code = "invalid-org-event"
    title_en = "Not an organisation event"
    title_zh = "组织事件内容无效"
