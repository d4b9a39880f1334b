import uuid
from typing import Annotated

from fastapi import APIRouter, Header, status
from fastapi.responses import JSONResponse

from rebate.dependencies import AdminPrincipal, ReviewerPrincipal, RunServiceDep
from rebate.models import IdempotencyRecord
from rebate.runs.schemas import RunCreate, RunRead
from servicekit.auth import authenticated
from servicekit.db import SessionDep
from servicekit.idempotency import idempotent
from servicekit.pagination import LimitParam

router = APIRouter(prefix="/v1", tags=["runs"], dependencies=[authenticated])

IdempotencyKey = Annotated[
    str | None, Header(description="Optional; a retry with the same key answers the first run")
]


@router.post(
    "/runs",
    summary=(
        "启动批量返还 · Start an automatic run over a period and region (admin); watch it with GET"
    ),
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RunRead,
    responses={
        404: {"description": "No such policy"},
        409: {
            "description": "A run of the policy (any version) for the period and an overlapping "
            "region is in flight; the problem's `run_id` names it"
        },
        422: {"description": "Outside the policy, or an application policy"},
    },
)
async def start_run(
    run_in: RunCreate,
    admin: AdminPrincipal,
    runs: RunServiceDep,
    session: SessionDep,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    # Queued only, committed with the request: `python -m rebate worker` claims and executes
    # it (rebate.runs.worker). A web process answers requests and never holds a run.
    async def start() -> RunRead:
        return RunRead.model_validate(await runs.start(run_in))

    return await idempotent(
        session,
        IdempotencyRecord,
        key=idempotency_key,
        scope=f"{admin.subject}:runs",
        request=run_in,
        run=start,
        status_code=status.HTTP_202_ACCEPTED,
        headers=lambda body: {"Location": f"/v1/runs/{body['id']}"},
    )


@router.get(
    "/runs/{run_id}",
    summary=(
        "查看批量返还任务及进度 · "
        "A run and its progress (admins; reviewers of a sub-tree it made cases in)"
    ),
    response_model=RunRead,
    responses={404: {"description": "No such run in your sight"}},
)
async def read_run(run_id: uuid.UUID, _: ReviewerPrincipal, runs: RunServiceDep) -> RunRead:
    return RunRead.model_validate(await runs.visible(run_id))


@router.get(
    "/runs",
    summary=(
        "批量返还任务列表 · "
        "Recent runs, newest first (admins; reviewers: the runs that made cases or queue "
        "entries in their sub-tree)"
    ),
    response_model=list[RunRead],
)
async def list_runs(
    _: ReviewerPrincipal, runs: RunServiceDep, limit: LimitParam = 50
) -> list[RunRead]:
    return [RunRead.model_validate(r) for r in await runs.recent(limit)]
