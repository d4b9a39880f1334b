import asyncio
import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, BackgroundTasks, Request, Response, status
from sqlalchemy import select

from rebate.dependencies import AdminPrincipal, PiiDep, ReviewerPrincipal
from rebate.policies.service import PolicyService
from rebate.runs.models import ExceptionReason, RebateException, RebateRun, RunStatus
from rebate.runs.schemas import ExceptionRead, RunCreate, RunRead
from rebate.runs.service import RunExecutor, check_scope
from rebate.scope import within_any
from servicekit.auth import authenticated
from servicekit.db import SessionDep
from servicekit.errors import NotFoundError
from servicekit.pagination import LimitParam

router = APIRouter(prefix="/v1", tags=["runs"], dependencies=[authenticated])


class RunNotFoundError(NotFoundError):
    code = "run-not-found"
    title_en = "Run not found"
    title_zh = "返还批次不存在"


async def start_in_background(request: Request, run_id: uuid.UUID) -> None:
    """After the response, so the run row is committed before the run reads it."""
    app = request.app
    settings = app.state.settings
    executor = RunExecutor(
        app.state.sessionmaker,
        app.state.membership,
        settings.run_chunk_enterprises,
        settings.run_writers,
    )
    task = asyncio.create_task(executor.execute(run_id))
    app.state.background.add(task)
    task.add_done_callback(app.state.background.discard)


@router.post(
    "/runs",
    summary="Start an automatic run over a period and region (admin); watch it with GET",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RunRead,
    responses={404: {"description": "No such policy"}, 422: {"description": "Outside the policy"}},
)
async def start_run(
    run_in: RunCreate,
    admin: AdminPrincipal,
    session: SessionDep,
    pii: PiiDep,
    request: Request,
    response: Response,
    background: BackgroundTasks,
) -> RunRead:
    policy = await PolicyService(session, pii).current(run_in.policy_key)
    check_scope(policy, run_in.period, run_in.region_prefix)
    run = RebateRun(
        id=uuid.uuid4(),
        period=run_in.period,
        region_prefix=run_in.region_prefix,
        policy_id=policy.id,
        status=RunStatus.RUNNING,
        started_by=admin.subject,
        started_at=datetime.now(UTC),
        enterprises_total=0,
        enterprises_done=0,
        cases_created=0,
        queued=0,
    )
    session.add(run)
    await session.flush()
    background.add_task(start_in_background, request, run.id)
    response.headers["Location"] = f"/v1/runs/{run.id}"
    return RunRead.model_validate(run)


@router.get(
    "/runs/{run_id}",
    summary="A run and its progress",
    response_model=RunRead,
    responses={404: {"description": "No such run"}},
)
async def read_run(run_id: uuid.UUID, _: ReviewerPrincipal, session: SessionDep) -> RunRead:
    run = await session.get(RebateRun, run_id, populate_existing=True)
    if run is None:
        raise RunNotFoundError()
    return RunRead.model_validate(run)


@router.get("/runs", summary="Recent runs, newest first (admin)", response_model=list[RunRead])
async def list_runs(
    _: AdminPrincipal, session: SessionDep, limit: LimitParam = 50
) -> list[RunRead]:
    rows = await session.scalars(
        select(RebateRun).order_by(RebateRun.started_at.desc()).limit(limit)
    )
    return [RunRead.model_validate(r) for r in rows]


@router.get(
    "/exceptions",
    summary="The queue: fee records a run could not turn into a case, with the reason",
    response_model=list[ExceptionRead],
)
async def list_exceptions(
    principal: ReviewerPrincipal,
    session: SessionDep,
    run_id: uuid.UUID | None = None,
    reason: ExceptionReason | None = None,
    include_resolved: bool = False,
    limit: LimitParam = 50,
) -> list[ExceptionRead]:
    query = select(RebateException).order_by(RebateException.uscc, RebateException.id).limit(limit)
    if run_id is not None:
        query = query.where(RebateException.run_id == run_id)
    if reason is not None:
        query = query.where(RebateException.reason == reason)
    if not include_resolved:
        query = query.where(RebateException.resolved_at.is_(None))
    if not principal.is_admin:
        # Unmatched records have no organisation yet: only the federation's admins see them.
        query = query.where(within_any(RebateException.org_path, principal.org_scope_paths))
    return [ExceptionRead.model_validate(e) for e in await session.scalars(query)]
