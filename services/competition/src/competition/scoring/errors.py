from servicekit.errors import ConflictError, DomainError, NotFoundError


class InvalidMarksError(DomainError):
    status = 422
    code = "invalid-marks"
    title_en = "Invalid marks"
    title_zh = "评分不符合评分标准"


class SheetNotFoundError(NotFoundError):
    code = "sheet-not-found"
    title_en = "Score sheet not found"
    title_zh = "评分表不存在"


class SheetLockedError(ConflictError):
    code = "sheet-locked"
    title_en = "Scores can no longer be changed"
    title_zh = "评分已锁定"


class ReasonRequiredError(DomainError):
    status = 422
    code = "reason-required"
    title_en = "A reason is required"
    title_zh = "需说明修改理由"
