from servicekit.errors import ConflictError, DomainError, NotFoundError


class CompetitionNotFoundError(NotFoundError):
    code = "competition-not-found"
    title_en = "Competition not found"
    title_zh = "竞赛不存在"


class EventNotFoundError(NotFoundError):
    code = "event-not-found"
    title_en = "Event not found"
    title_zh = "竞赛项目不存在"


class GroupNotFoundError(NotFoundError):
    code = "group-not-found"
    title_en = "Group not found"
    title_zh = "组别不存在"


class StageNotFoundError(NotFoundError):
    code = "stage-not-found"
    title_en = "Stage not found"
    title_zh = "赛程阶段不存在"


class OrgNotFoundError(NotFoundError):
    code = "org-not-found"
    title_en = "Organisation not found"
    title_zh = "组织不存在"


class InvalidRulesError(DomainError):
    status = 422
    code = "invalid-rules"
    title_en = "Invalid competition rules"
    title_zh = "竞赛规则不正确"


class EventNameTakenError(ConflictError):
    code = "event-name-taken"
    title_en = "The competition already has an event of this name"
    title_zh = "本竞赛已有同名项目"


class WrongStateError(ConflictError):
    code = "wrong-state"
    title_en = "Not possible in the current state"
    title_zh = "当前状态下不能进行此操作"


class UnknownOrgError(DomainError):
    """Named in a request body: unknown, closed or outside the caller's sub-tree alike, so
    the answer says nothing of organisations elsewhere."""

    status = 422
    code = "unknown-org"
    title_en = "No such organisation in your sub-tree"
    title_zh = "您的管辖范围内没有该组织"


class LevelAboveHostError(DomainError):
    status = 403
    code = "level-above-host"
    title_en = "The competition's level is above its host's"
    title_zh = "竞赛级别高于主办单位级别"


class NoticeTooShortError(DomainError):
    status = 422
    code = "notice-too-short"
    title_en = "The public notice period is too short"
    title_zh = "公示期过短"
