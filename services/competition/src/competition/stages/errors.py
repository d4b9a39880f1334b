from servicekit.errors import ConflictError, NotFoundError


class ScoringIncompleteError(ConflictError):
    code = "scoring-incomplete"
    title_en = "Scoring is not complete"
    title_zh = "评分尚未完成"


class DecisionNeededError(ConflictError):
    code = "decision-needed"
    title_en = "A decision is needed first"
    title_zh = "需先作出决定"


class EntryWithdrawnError(ConflictError):
    code = "entry-withdrawn"
    title_en = "The entry was withdrawn"
    title_zh = "该参赛项已退赛"


class NoticePeriodError(ConflictError):
    code = "notice-period"
    title_en = "The public notice period is running"
    title_zh = "公示期尚未结束"


class DecisionNotFoundError(NotFoundError):
    code = "decision-not-found"
    title_en = "Decision not found"
    title_zh = "待决事项不存在"


class StageEntryNotFoundError(NotFoundError):
    code = "stage-entry-not-found"
    title_en = "The entry does not compete in this stage"
    title_zh = "该报名未参加本阶段"
