import uuid
from typing import Any

from fastapi import APIRouter, Response, status

from membership.dependencies import AccessDep, OrgServiceDep
from membership.orgs.models import Org
from membership.orgs.schemas import OrgCreate, OrgMove, OrgRead, OrgUpdate
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.concurrency import IfMatchHeader, etag
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1/orgs", tags=["organisations"], dependencies=[authenticated])

NOT_FOUND: Responses = {404: {"description": "No such organisation in your sub-tree"}}
PRECONDITIONS: Responses = {
    412: {"description": "The organisation changed since you read it"},
    428: {"description": "If-Match is required"},
}


def _read(org: Org, response: Response) -> OrgRead:
    response.headers["ETag"] = etag(org.version)
    return OrgRead.model_validate(org)


@router.post(
    "",
    summary="新建工会组织 · Create an organisation under a parent in your sub-tree",
    status_code=status.HTTP_201_CREATED,
    response_model=OrgRead,
    responses={**NOT_FOUND, 409: {"description": "The parent is closed"}},
)
async def create_org(org_in: OrgCreate, orgs: OrgServiceDep, response: Response) -> OrgRead:
    org = await orgs.create(org_in)
    response.headers["Location"] = f"/v1/orgs/{org.id}"
    return _read(org, response)


@router.get(
    "",
    summary="我的管辖范围 · Your entry points into the tree: the roots of your sub-trees",
    response_model=list[OrgRead],
)
async def list_entry_points(access: AccessDep) -> Any:
    if access.unrestricted:
        return await access.orgs.roots()
    return await access.orgs.by_paths(await access.scope_paths())


@router.get(
    "/{org_id}",
    summary="查看工会组织 · Read an organisation",
    response_model=OrgRead,
    responses=NOT_FOUND,
)
async def read_org(org_id: uuid.UUID, orgs: OrgServiceDep, response: Response) -> OrgRead:
    return _read(await orgs.read(org_id), response)


@router.patch(
    "/{org_id}",
    summary="修改工会组织 · Rename an organisation or change its region or new-form flag",
    response_model=OrgRead,
    responses={**NOT_FOUND, **PRECONDITIONS},
)
async def update_org(
    org_id: uuid.UUID,
    org_in: OrgUpdate,
    orgs: OrgServiceDep,
    response: Response,
    if_match: IfMatchHeader = None,
) -> OrgRead:
    return _read(await orgs.update(org_id, org_in, if_match), response)


@router.post(
    "/{org_id}/move",
    summary=(
        "调整工会组织隶属 · Move an organisation, with its whole sub-tree, under another parent"
    ),
    response_model=OrgRead,
    responses={**NOT_FOUND, **PRECONDITIONS, 422: {"description": "Not a valid place"}},
)
async def move_org(
    org_id: uuid.UUID,
    move: OrgMove,
    orgs: OrgServiceDep,
    response: Response,
    if_match: IfMatchHeader = None,
) -> OrgRead:
    return _read(await orgs.move(org_id, move.new_parent_id, move.region_code, if_match), response)


@router.post(
    "/{org_id}/close",
    summary=(
        "撤销工会组织 · Close an organisation that has no open sub-organisations and no members"
    ),
    response_model=OrgRead,
    responses={**NOT_FOUND, **PRECONDITIONS, 409: {"description": "Still has members or children"}},
)
async def close_org(
    org_id: uuid.UUID, orgs: OrgServiceDep, response: Response, if_match: IfMatchHeader = None
) -> OrgRead:
    return _read(await orgs.close(org_id, if_match), response)


@router.get(
    "/{org_id}/children",
    summary="直属下级组织 · Direct sub-organisations, by name",
    response_model=Page[OrgRead],
    responses=NOT_FOUND,
)
async def list_children(
    org_id: uuid.UUID, orgs: OrgServiceDep, cursor: CursorParam = None, limit: LimitParam = 50
) -> Page[OrgRead]:
    after = cursor_key(cursor, str, uuid.UUID)
    rows = await orgs.children(org_id, after, limit + 1)
    return _page(rows, limit, lambda org: [org.name, str(org.id)])


@router.get(
    "/{org_id}/subtree",
    summary="组织树 · The organisation and everything below it, depth first",
    response_model=Page[OrgRead],
    responses=NOT_FOUND,
)
async def list_subtree(
    org_id: uuid.UUID, orgs: OrgServiceDep, cursor: CursorParam = None, limit: LimitParam = 50
) -> Page[OrgRead]:
    key = cursor_key(cursor, str)
    rows = await orgs.subtree(org_id, key[0] if key else None, limit + 1)
    return _page(rows, limit, lambda org: [org.path])


def _page(rows: list[Org], limit: int, key: Any) -> Page[OrgRead]:
    items = [OrgRead.model_validate(org) for org in rows[:limit]]
    next_cursor = encode_cursor(key(rows[limit - 1])) if len(rows) > limit else None
    return Page[OrgRead](items=items, next_cursor=next_cursor)
