from typing import Self

from servicekit.errors import DomainError, NotFoundError


class InvalidPersonDataError(DomainError):
    """422 shaped like the framework's validation errors, raised by rules pydantic can't hold."""

    status = 422
    code = "validation-failed"
    title_en = "Unprocessable Entity"
    title_zh = "请求参数无效"
    field: str | None = None

    @classmethod
    def at(cls, field: str, reason: str) -> Self:
        error = cls(reason, errors=[{"loc": ["body", field], "msg": reason, "type": "value_error"}])
        error.field = field
        return error

    def under(self, *prefix: str) -> "InvalidPersonDataError":
        """The same error for a person nested in a larger body (`person.id_number`)."""
        field = self.field or ""
        nested = type(self).at(field, self.detail or "")
        nested.extra["errors"] = [
            {**err, "loc": ["body", *prefix, *err["loc"][1:]]} for err in self.extra["errors"]
        ]
        return nested


class PersonNotFoundError(NotFoundError):
    code = "person-not-found"
    title_en = "Person not found"
    title_zh = "人员不存在"
