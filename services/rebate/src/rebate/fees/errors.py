from servicekit.errors import DomainError


class RecordsChangedError(DomainError):
    status = 409
    code = "records-changed"
    title_en = "Records changed meanwhile"
    title_zh = "记录已被其他推送修改"
