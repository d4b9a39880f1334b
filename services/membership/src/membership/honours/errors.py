from servicekit.errors import ConflictError


class SourceRefReusedError(ConflictError):
    code = "source-ref-reused"
    title_en = "Source reference already used"
    title_zh = "来源编号已用于其他荣誉"
