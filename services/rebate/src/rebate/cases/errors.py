from servicekit.errors import ConflictError, DomainError, NotFoundError


class CaseNotFoundError(NotFoundError):
    code = "case-not-found"
    title_en = "Case not found"
    title_zh = "返还案件不存在"


class CaseNotReviewableError(ConflictError):
    code = "case-not-reviewable"
    title_en = "Not awaiting review"
    title_zh = "案件不在待审核状态"


class SameReviewerError(DomainError):
    status = 403
    code = "maker-checker"
    title_en = "A second person must approve"
    title_zh = "复核与审批须由不同人员完成"


class ReasonRequiredError(DomainError):
    status = 422
    code = "reason-required"
    title_en = "A reason is required"
    title_zh = "驳回须填写原因"


class CaseNotRejectedError(ConflictError):
    code = "case-not-rejected"
    title_en = "Only a rejected case can be reopened"
    title_zh = "只有已驳回的案件可以重新打开"


class PeriodOpenElsewhereError(ConflictError):
    code = "period-case-open"
    title_en = "Another case of the period is being decided"
    title_zh = "该企业本期另有案件正在审核"


class AmountChangedError(ConflictError):
    code = "amount-changed"
    title_en = "The amount changed since you looked"
    title_zh = "返还金额已变化，请重新核对"
