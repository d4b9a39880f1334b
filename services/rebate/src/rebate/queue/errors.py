from servicekit.errors import ConflictError, NotFoundError


class QueueEntryNotFoundError(NotFoundError):
    code = "queue-entry-not-found"
    title_en = "Queue entry not found"
    title_zh = "待处理事项不存在"


class QueueEntryClosedError(ConflictError):
    code = "queue-entry-closed"
    title_en = "The entry is closed"
    title_zh = "该事项已处理"


class NotRematchableError(ConflictError):
    code = "not-rematchable"
    title_en = "Nothing to match again"
    title_zh = "该事项无需重新匹配"
