import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from membership.enterprises.dependencies import EnterpriseServiceDep
from membership.enterprises.errors import InvalidEnterpriseQueryError, field_error
from membership.enterprises.models import Enterprise
from membership.enterprises.schemas import (
    AffiliationChange,
    AffiliationRead,
    EnterpriseCreate,
    EnterpriseLookup,
    EnterpriseLookupResult,
    EnterpriseRead,
    EnterpriseReviewRead,
    EnterpriseUpdate,
    UnionBankAccountFull,
    UsccReview,
)
from servicekit.app import Responses
from servicekit.auth import Role, authenticated, require_roles
from servicekit.concurrency import IfMatchHeader, etag
from servicekit.pagination import (
    CursorParam,
    LimitParam,
    Page,
    cursor_key,
    encode_cursor,
)

router = APIRouter(prefix="/v1/enterprises", tags=["enterprises"], dependencies=[authenticated])

NOT_FOUND: Responses = {404: {"description": "No such enterprise in your sub-tree"}}
PRECONDITIONS: Responses = {
    412: {"description": "The enterprise changed since you read it"},
    428: {"description": "If-Match is required"},
}
ORG_RULES: Responses = {
    404: {"description": "No such enterprise, federation or union in your sub-tree"},
    409: {"description": "The organisation is closed"},
    422: {"description": "Invalid input, or an organisation of the wrong kind"},
}


def _read(enterprise: Enterprise, response: Response) -> EnterpriseRead:
    response.headers["ETag"] = etag(enterprise.version)
    return EnterpriseRead.of(enterprise)


@router.post(
    "",
    summary="登记企业 · Register an enterprise affiliated to a federation in your sub-tree",
    status_code=status.HTTP_201_CREATED,
    response_model=EnterpriseRead,
    responses={
        **ORG_RULES,
        409: {"description": "The credit code is already registered, or an org is closed"},
        422: {"description": "Malformed credit code (`errors` says where) or invalid input"},
    },
)
async def create_enterprise(
    enterprise_in: EnterpriseCreate, enterprises: EnterpriseServiceDep, response: Response
) -> EnterpriseRead:
    enterprise = await enterprises.create(enterprise_in)
    response.headers["Location"] = f"/v1/enterprises/{enterprise.id}"
    return _read(enterprise, response)


@router.get(
    "",
    summary="查询企业 · Find one enterprise by credit code, or list those affiliated within an org",
    description="Give exactly one of `uscc` (answers the enterprise, 404 when absent or not "
    "yours to see) or `org_id` (answers a page of the enterprises affiliated within that "
    "organisation's sub-tree, by name).",
    response_model=EnterpriseRead | Page[EnterpriseRead],
    responses={**NOT_FOUND, 422: {"description": "Neither or both parameters, or a bad code"}},
)
async def find_enterprises(
    enterprises: EnterpriseServiceDep,
    response: Response,
    uscc: Annotated[str | None, Query(max_length=64, description="Credit code")] = None,
    org_id: Annotated[uuid.UUID | None, Query(description="Root of the sub-tree")] = None,
    needs_review: Annotated[
        bool | None, Query(description="With org_id: only flagged, or only unflagged, codes")
    ] = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> EnterpriseRead | Page[EnterpriseRead]:
    if uscc is not None and org_id is None:
        return _read(await enterprises.read_by_uscc(uscc), response)
    if org_id is not None and uscc is None:
        rows = await enterprises.in_subtree(org_id, _after(cursor), limit + 1, needs_review)
        items = [EnterpriseRead.of(enterprise) for enterprise in rows[:limit]]
        last = rows[limit - 1] if len(rows) > limit else None
        next_cursor = encode_cursor([last.name, str(last.id)]) if last else None
        return Page[EnterpriseRead](items=items, next_cursor=next_cursor)
    message = "Give exactly one of uscc and org_id"
    raise InvalidEnterpriseQueryError(
        message, errors=[field_error(("query", "uscc"), message, "missing")]
    )


def _after(cursor: str | None) -> tuple[str, uuid.UUID] | None:
    return cursor_key(cursor, str, uuid.UUID)


@router.post(
    "/lookup",
    summary="按信用代码批量查询企业 · Look up to 1,000 enterprises by credit code in one call",
    description="For other services. Codes not found, not yours to see, or malformed are "
    "listed in `missing` with the reason; the call itself fails only on a malformed body.",
    response_model=EnterpriseLookupResult,
    dependencies=[Depends(require_roles(Role.SERVICE, Role.CADRE, Role.ENTERPRISE))],
    responses={422: {"description": "No codes, or more than 1,000"}},
)
async def lookup_enterprises(
    query: EnterpriseLookup, enterprises: EnterpriseServiceDep
) -> EnterpriseLookupResult:
    return await enterprises.lookup(query.usccs)


@router.get(
    "/{enterprise_id}",
    summary="查看企业 · Read an enterprise; its union's bank account only masked",
    response_model=EnterpriseRead,
    responses=NOT_FOUND,
)
async def read_enterprise(
    enterprise_id: uuid.UUID, enterprises: EnterpriseServiceDep, response: Response
) -> EnterpriseRead:
    return _read(await enterprises.read(enterprise_id), response)


@router.patch(
    "/{enterprise_id}",
    summary="修改企业信息 · Change name, size class, region, own union or its bank account",
    response_model=EnterpriseRead,
    responses={**ORG_RULES, **PRECONDITIONS},
)
async def update_enterprise(
    enterprise_id: uuid.UUID,
    update_in: EnterpriseUpdate,
    enterprises: EnterpriseServiceDep,
    response: Response,
    if_match: IfMatchHeader = None,
) -> EnterpriseRead:
    return _read(await enterprises.update(enterprise_id, update_in, if_match), response)


@router.post(
    "/{enterprise_id}/affiliation",
    summary=(
        "企业转隶其他工会 · Affiliate the enterprise to another federation (you must manage both)"
    ),
    response_model=EnterpriseRead,
    responses={
        **ORG_RULES,
        **PRECONDITIONS,
        409: {"description": "Already affiliated there, or the federation is closed"},
    },
)
async def change_affiliation(
    enterprise_id: uuid.UUID,
    change: AffiliationChange,
    enterprises: EnterpriseServiceDep,
    response: Response,
    if_match: IfMatchHeader = None,
) -> EnterpriseRead:
    return _read(await enterprises.reaffiliate(enterprise_id, change.org_id, if_match), response)


@router.post(
    "/{enterprise_id}/review",
    summary=(
        "解除信用代码标记 · "
        "Clear a flagged credit code after checking it against the business licence"
    ),
    description="Send the code as the licence shows it: the registered code confirms it as "
    "it stands; another code corrects it (it must then pass the GB 32100 check). Either way "
    "`needs_review` is cleared and the review is kept in `/reviews`.",
    response_model=EnterpriseRead,
    responses={
        **ORG_RULES,
        **PRECONDITIONS,
        409: {"description": "Not flagged, or the corrected code is registered already"},
        422: {"description": "A malformed code, or a correction that fails the check"},
    },
)
async def review_uscc(
    enterprise_id: uuid.UUID,
    review_in: UsccReview,
    enterprises: EnterpriseServiceDep,
    response: Response,
    if_match: IfMatchHeader = None,
) -> EnterpriseRead:
    return _read(await enterprises.review(enterprise_id, review_in, if_match), response)


@router.get(
    "/{enterprise_id}/reviews",
    summary="企业信用代码核查记录 · Checks of the enterprise's credit code by cadres, oldest first",
    response_model=list[EnterpriseReviewRead],
    responses=NOT_FOUND,
)
async def list_reviews(
    enterprise_id: uuid.UUID, enterprises: EnterpriseServiceDep
) -> list[EnterpriseReviewRead]:
    rows = await enterprises.reviews(enterprise_id)
    return [EnterpriseReviewRead.model_validate(row) for row in rows]


@router.get(
    "/{enterprise_id}/affiliations",
    summary="企业隶属历史 · The federations the enterprise has been affiliated to, oldest first",
    response_model=list[AffiliationRead],
    responses=NOT_FOUND,
)
async def list_affiliations(
    enterprise_id: uuid.UUID, enterprises: EnterpriseServiceDep
) -> list[AffiliationRead]:
    rows = await enterprises.affiliations(enterprise_id)
    return [AffiliationRead.model_validate(row) for row in rows]


@router.get(
    "/{enterprise_id}/union-account",
    summary=(
        "工会银行账户明文（服务间调用） · "
        "The union's bank account in clear, to instruct a payout (service tokens only)"
    ),
    response_model=UnionBankAccountFull,
    responses={404: {"description": "No such enterprise, no account, or not a service token"}},
)
async def read_union_account(
    enterprise_id: uuid.UUID, enterprises: EnterpriseServiceDep
) -> UnionBankAccountFull:
    return await enterprises.union_account(enterprise_id)
