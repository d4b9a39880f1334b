import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response, status

from competition.contests.lookup import Contest
from competition.contests.models import CompetitionKind, CompetitionStatus, Event
from competition.contests.schemas import (
    AdvancementRead,
    AdvancementRuleIn,
    CompetitionCreate,
    CompetitionRead,
    CompetitionUpdate,
    EventCreate,
    EventRead,
    EventUpdate,
    GroupAwardsUpdate,
    GroupRead,
)
from competition.contests.service import competition_read, honours_of, prizes_of
from competition.dependencies import ContestServiceDep, ContestViewDep
from servicekit.app import Responses
from servicekit.auth import authenticated
from servicekit.concurrency import IfMatchHeader, etag
from servicekit.pagination import CursorParam, LimitParam, Page, cursor_key, encode_cursor

router = APIRouter(prefix="/v1", tags=["competitions"], dependencies=[authenticated])

COMPETITION_404: Responses = {404: {"description": "No such competition in your sight"}}
EVENT_404: Responses = {404: {"description": "No such event in your sight"}}
STATE_409: Responses = {409: {"description": "Not possible in the current state"}}
PRECONDITIONS: Responses = {
    412: {"description": "Changed since you read it"},
    428: {"description": "If-Match is required"},
}


def _competition(contest: Contest, response: Response) -> CompetitionRead:
    response.headers["ETag"] = etag(contest.competition.version)
    return competition_read(contest)


@router.post(
    "/competitions",
    summary="创建竞赛 · Create a competition hosted by an organisation in your sub-tree",
    status_code=status.HTTP_201_CREATED,
    response_model=CompetitionRead,
    responses={404: {"description": "No such host organisation in your sub-tree"}},
)
async def create_competition(
    competition_in: CompetitionCreate, contests: ContestServiceDep, response: Response
) -> CompetitionRead:
    created = await contests.create(competition_in)
    response.headers["Location"] = f"/v1/competitions/{created.id}"
    response.headers["ETag"] = etag(1)
    return created


@router.get(
    "/competitions",
    summary=(
        "竞赛列表 · Competitions you run, and announced ones of your part of the tree; newest first"
    ),
    response_model=Page[CompetitionRead],
)
async def list_competitions(
    contests: ContestServiceDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    kind: CompetitionKind | None = None,
    state: CompetitionStatus | None = None,
    cursor: CursorParam = None,
    limit: LimitParam = 50,
) -> Page[CompetitionRead]:
    after = cursor_key(cursor, int, str, uuid.UUID)
    rows = await contests.page(year, kind, state, after, limit + 1)
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = encode_cursor([last.year, last.name, str(last.id)]) if last else None
    return Page[CompetitionRead](items=rows[:limit], next_cursor=next_cursor)


@router.get(
    "/competitions/{competition_id}",
    summary="查看竞赛 · Read a competition",
    response_model=CompetitionRead,
    responses=COMPETITION_404,
)
async def read_competition(
    competition_id: uuid.UUID, view: ContestViewDep, response: Response
) -> CompetitionRead:
    competition = await view.read(competition_id)
    response.headers["ETag"] = etag(competition.version)
    return competition.read


@router.patch(
    "/competitions/{competition_id}",
    summary="修改竞赛 · Rename a competition or change its description or notice period",
    response_model=CompetitionRead,
    responses={**COMPETITION_404, **PRECONDITIONS, **STATE_409},
)
async def update_competition(
    competition_id: uuid.UUID,
    update: CompetitionUpdate,
    contests: ContestServiceDep,
    response: Response,
    if_match: IfMatchHeader = None,
) -> CompetitionRead:
    return _competition(await contests.update(competition_id, update, if_match), response)


@router.post(
    "/competitions/{competition_id}/open-registration",
    summary="开放报名 · Open registration (the competition needs at least one event)",
    response_model=CompetitionRead,
    responses={**COMPETITION_404, **STATE_409},
)
async def open_registration(
    competition_id: uuid.UUID, contests: ContestServiceDep, response: Response
) -> CompetitionRead:
    return _competition(await contests.open_registration(competition_id), response)


@router.post(
    "/competitions/{competition_id}/close-registration",
    summary="截止报名 · Close registration; stages can start",
    response_model=CompetitionRead,
    responses={**COMPETITION_404, **STATE_409},
)
async def close_registration(
    competition_id: uuid.UUID, contests: ContestServiceDep, response: Response
) -> CompetitionRead:
    return _competition(await contests.close_registration(competition_id), response)


@router.post(
    "/competitions/{competition_id}/events",
    summary="添加竞赛项目 · Add an event (项目) with its groups, stages, rubric and rules",
    status_code=status.HTTP_201_CREATED,
    response_model=EventRead,
    responses={**COMPETITION_404, **STATE_409},
)
async def create_event(
    competition_id: uuid.UUID,
    event_in: EventCreate,
    contests: ContestServiceDep,
    response: Response,
) -> EventRead:
    event = await contests.create_event(competition_id, event_in)
    response.headers["Location"] = f"/v1/events/{event.id}"
    response.headers["ETag"] = etag(1)
    return event


@router.get(
    "/competitions/{competition_id}/events",
    summary="竞赛项目列表 · The events of a competition, with groups and stages",
    response_model=list[EventRead],
    responses=COMPETITION_404,
)
async def list_events(competition_id: uuid.UUID, contests: ContestServiceDep) -> list[EventRead]:
    return await contests.events(competition_id)


async def _event(event: Event, contests: ContestServiceDep, response: Response) -> EventRead:
    response.headers["ETag"] = etag(event.version)
    return (await contests.event_reads([event]))[0]


@router.get(
    "/events/{event_id}",
    summary="查看竞赛项目 · Read an event",
    response_model=EventRead,
    responses=EVENT_404,
)
async def read_event(
    event_id: uuid.UUID, contests: ContestServiceDep, response: Response
) -> EventRead:
    return await _event(await contests.read_event(event_id), contests, response)


@router.patch(
    "/events/{event_id}",
    summary=(
        "修改竞赛项目规则 · "
        "Change an event's rubric, aggregation or eligibility before its first stage"
    ),
    response_model=EventRead,
    responses={**EVENT_404, **PRECONDITIONS, **STATE_409},
)
async def update_event(
    event_id: uuid.UUID,
    update: EventUpdate,
    contests: ContestServiceDep,
    response: Response,
    if_match: IfMatchHeader = None,
) -> EventRead:
    return await _event(await contests.update_event(event_id, update, if_match), contests, response)


@router.put(
    "/groups/{group_id}/awards",
    summary="设置奖项 · Set a group's prizes by rank and the honours they lead to",
    response_model=GroupRead,
    responses={404: {"description": "No such group in your sight"}, **STATE_409},
)
async def update_group_awards(
    group_id: uuid.UUID, awards: GroupAwardsUpdate, contests: ContestServiceDep
) -> GroupRead:
    group = await contests.update_group_awards(group_id, awards)
    return GroupRead(
        id=group.id,
        kind=group.kind,
        name=group.name,
        prizes=prizes_of(group),
        honours=honours_of(group),
    )


@router.put(
    "/stages/{stage_id}/advancement",
    summary=(
        "设置晋级规则 · Set how each group advances from this stage (top N, top percent, threshold)"
    ),
    response_model=list[AdvancementRead],
    responses={404: {"description": "No such stage in your sight"}, **STATE_409},
)
async def update_advancement(
    stage_id: uuid.UUID,
    contests: ContestServiceDep,
    rules: Annotated[list[AdvancementRuleIn], Body(max_length=5)],
) -> list[AdvancementRead]:
    return [
        AdvancementRead.model_validate(r)
        for r in await contests.update_advancement(stage_id, rules)
    ]
