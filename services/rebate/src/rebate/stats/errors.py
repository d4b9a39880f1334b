from servicekit.errors import DomainError, NotFoundError


class OrgNotFoundError(NotFoundError):
    code = "org-not-found"
    title_en = "Organisation not found"
    title_zh = "组织不存在"


class PeriodRangeError(DomainError):
    status = 422
    code = "invalid-period-range"
    title_en = "Invalid period range"
    title_zh = "统计期间无效"
