from servicekit.errors import ConflictError, NotFoundError


class ObjectionNotFoundError(NotFoundError):
    code = "objection-not-found"
    title_en = "Objection not found"
    title_zh = "异议不存在"


class NoticeClosedError(ConflictError):
    code = "notice-closed"
    title_en = "Not within a public notice period"
    title_zh = "不在公示期内"


class PreviewOutdatedError(ConflictError):
    code = "preview-outdated"
    title_en = "The rescore changed since the preview"
    title_zh = "复评结果已变化，请重新预览"


class ObjectionDecidedError(ConflictError):
    code = "objection-decided"
    title_en = "The objection is already decided"
    title_zh = "异议已处理"
