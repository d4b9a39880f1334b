import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from rebate.cases.models import CaseStatus
from rebate.cases.schemas import (
    AuditEventRead,
    BulkReviewIn,
    BulkReviewResult,
    CaseDetail,
    CaseRead,
    ReopenIn,
    ReviewIn,
)
from rebate.dependencies import CaseServiceDep
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1/cases", tags=["cases"], dependencies=[authenticated])

NOT_FOUND: Responses = {404: {"description": "No such case visible to you"}}


@router.get(
    "",
    summary=(
        "返还案件列表 · Cases you may see: a cadre's sub-tree, an enterprise's own, or all (admin)"
    ),
    response_model=Page[CaseRead],
)
async def list_cases(
    cases: CaseServiceDep,
    period: Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] = None,
    status: CaseStatus | None = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Page[CaseRead]:
    after = cursor_key(cursor, str, str)
    rows = await cases.listing(period, status, after, limit + 1)
    items = [CaseRead.model_validate(c) for c in rows[:limit]]
    next_cursor = (
        encode_cursor([rows[limit - 1].uscc, rows[limit - 1].period]) if len(rows) > limit else None
    )
    return Page[CaseRead](items=items, next_cursor=next_cursor)


@router.post(
    "/review",
    summary="批量审批案件 · Decide many cases at once; each is checked on its own",
    response_model=BulkReviewResult,
)
async def review_many(review: BulkReviewIn, cases: CaseServiceDep) -> BulkReviewResult:
    decided, refused = await cases.review_many(
        review.case_ids, review.decision, review.reason, review.refunds
    )
    return BulkReviewResult(decided=decided, refused=refused)


@router.get(
    "/{case_id}",
    summary="案件及其缴费记录与复核 · A case with its fee records and reviews",
    response_model=CaseDetail,
    responses=NOT_FOUND,
)
async def read_case(case_id: uuid.UUID, cases: CaseServiceDep) -> CaseDetail:
    return await cases.detail(case_id)


@router.post(
    "/{case_id}/review",
    summary=(
        "复核或审批案件 · "
        "Review (or, where the policy asks, approve) a case; a rejection needs a reason"
    ),
    response_model=CaseRead,
    responses={
        **NOT_FOUND,
        403: {"description": "Not a reviewer, or the approver reviewed it too"},
        409: {"description": "Not awaiting a decision, or its amount changed since you looked"},
    },
)
async def review_case(case_id: uuid.UUID, review: ReviewIn, cases: CaseServiceDep) -> CaseRead:
    decided = await cases.review(case_id, review.decision, review.reason, review.refund)
    return CaseRead.model_validate(decided)


@router.post(
    "/{case_id}/reopen",
    summary="重新受理案件 · Reopen a rejected case with a reason; its amount is worked out afresh",
    response_model=CaseRead,
    responses={
        **NOT_FOUND,
        403: {"description": "Not a reviewer"},
        409: {"description": "The case is not rejected, or another case of its period is open"},
    },
)
async def reopen_case(case_id: uuid.UUID, reopen: ReopenIn, cases: CaseServiceDep) -> CaseRead:
    return CaseRead.model_validate(await cases.reopen(case_id, reopen.reason))


@router.get(
    "/{case_id}/audit",
    summary="案件审计轨迹 · Every recorded step of the case, with its link in the hash chain",
    response_model=list[AuditEventRead],
    responses=NOT_FOUND,
)
async def case_audit(case_id: uuid.UUID, cases: CaseServiceDep) -> list[AuditEventRead]:
    return [AuditEventRead.model_validate(e) for e in await cases.audit(case_id)]
