from servicekit.errors import ConflictError, NotFoundError


class NotReadyError(ConflictError):
    code = "not-ready-to-finalise"
    title_en = "Not ready to be finalised"
    title_zh = "尚不能确定最终结果"


class GrantNotFoundError(NotFoundError):
    code = "honour-grant-not-found"
    title_en = "Honour grant not found"
    title_zh = "荣誉授予记录不存在"
