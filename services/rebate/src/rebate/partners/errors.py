from servicekit.errors import DomainError, NotFoundError, UnauthorizedError


class PartnerNotFoundError(NotFoundError):
    code = "partner-not-found"
    title_en = "Partner not found"
    title_zh = "合作方不存在"


class BadSignatureError(UnauthorizedError):
    code = "bad-signature"
    title_en = "Signature not verified"
    title_zh = "签名验证失败"


class WebhookUrlNotAllowedError(DomainError):
    status = 422
    code = "webhook-url-not-allowed"
    title_en = "Webhook URL not allowed"
    title_zh = "回调地址不被允许"


class PartnerRegionsError(DomainError):
    status = 422
    code = "partner-regions"
    title_en = "Regions do not suit the partner"
    title_zh = "合作方地区设置无效"
