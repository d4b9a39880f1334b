"""ETag / If-Match for updates of shared records (lost-update protection)."""

from typing import Annotated

from fastapi import Header

from servicekit.errors import DomainError

# Marks an If-Match the route always needs: the document then declares it required (see
# servicekit.openapi), while a missing one is still answered 428, the status made for it.
IF_MATCH_REQUIRED = "x-gonghui-if-match-required"

IfMatchHeader = Annotated[
    str | None,
    Header(
        description='ETag of the version you read (`W/"3"`), or `*`; required (428 without it)',
        json_schema_extra={IF_MATCH_REQUIRED: True},
    ),
]


class PreconditionRequiredError(DomainError):
    status = 428
    code = "precondition-required"
    title_en = "Precondition required"
    title_zh = "缺少前置条件"


class PreconditionFailedError(DomainError):
    status = 412
    code = "precondition-failed"
    title_en = "Precondition failed"
    title_zh = "前置条件不满足"


def etag(version: int) -> str:
    return f'W/"{version}"'


def check_if_match(if_match: str | None, version: int) -> None:
    if if_match is None:
        raise PreconditionRequiredError(
            "Send If-Match with the ETag you read, so concurrent changes are not overwritten"
        )
    if if_match.strip() != "*" and etag(version) not in [t.strip() for t in if_match.split(",")]:
        raise PreconditionFailedError("The record changed since you read it; read it again")
