from servicekit.errors import NotFoundError


class PersonNotFoundError(NotFoundError):
    code = "person-not-found"
    title_en = "Person not found"
    title_zh = "人员不存在"
