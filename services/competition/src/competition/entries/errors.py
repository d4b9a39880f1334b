from servicekit.errors import ConflictError, DomainError, NotFoundError

# All a caller learns of a number outside their reach: unknown, or held by someone whose
# state and union they may not know.
NOT_ELIGIBLE = "Not eligible, or no such member in your sub-tree"


class EntryNotFoundError(NotFoundError):
    code = "entry-not-found"
    title_en = "Entry not found"
    title_zh = "参赛报名不存在"


class MemberNotFoundError(NotFoundError):
    code = "member-not-found"
    title_en = "Member not found"
    title_zh = "会员不存在"


class NotEligibleError(DomainError):
    status = 422
    code = "not-eligible"
    title_en = "Not eligible for this event"
    title_zh = "不符合参赛条件"


class AlreadyEnteredError(ConflictError):
    code = "already-entered"
    title_en = "Already entered in this event"
    title_zh = "已报名该项目"


class RegistrationClosedError(ConflictError):
    code = "registration-closed"
    title_en = "Registration is not open"
    title_zh = "报名未开放"


class EntryStateError(ConflictError):
    code = "entry-state"
    title_en = "Not possible in the entry's current state"
    title_zh = "报名当前状态下不能进行此操作"
