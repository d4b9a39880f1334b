"""Published results for everyone, no token needed: names and organisations masked, nothing
shown before publication (embargo)."""

import uuid
from collections.abc import Mapping
from typing import Any

from competition.contests.errors import CompetitionNotFoundError, EventNotFoundError
from competition.contests.models import EventFormat
from competition.public.masking import mask_org
from competition.public.repository import LeaderboardReader, PublicRepository
from competition.public.schemas import (
    PublicCompetition,
    PublicEvent,
    PublicGroup,
    PublicStage,
)
from servicekit.pagination import encode_cursor
from servicekit.pii import mask_name


class Leaderboards:
    def __init__(self, boards: LeaderboardReader) -> None:
        self.boards = boards

    async def page(
        self,
        event_id: uuid.UUID,
        group_id: uuid.UUID | None,
        stage_id: uuid.UUID | None,
        after: tuple[int, int] | None,
        limit: int,
    ) -> dict[str, Any]:
        """The page as JSON-ready values (PublicLeaderboard's shape), built without model
        validation: this is the hot path of a results day."""
        rows = await self.boards.page(event_id, group_id, stage_id, after, limit + 1)
        if not rows:
            raise EventNotFoundError("No published results for this event and group")
        board = rows[0]
        lines = [row for row in rows if row["rank"] is not None]
        next_cursor = None
        if len(lines) > limit:
            rank = lines[limit - 1]["rank"]
            shown = sum(1 for line in lines[:limit] if line["rank"] == rank)
            if after is not None and after[0] == rank:
                shown += after[1]
            next_cursor = encode_cursor([rank, shown])
        return {
            "competition_id": board["competition_id"],
            "competition_name": board["competition_name"],
            "event_id": board["event_id"],
            "event_name": board["event_name"],
            "group_id": board["group_id"],
            "group_name": board["group_name"],
            "stage": {
                "id": board["stage_id"],
                "kind": board["stage_kind"],
                "status": board["stage_status"],
                "published_at": board["published_at"],
                "notice_ends_at": board["notice_ends_at"],
            },
            "items": [_row(line) for line in lines[:limit]],
            "next_cursor": next_cursor,
        }


class PublicResults:
    def __init__(self, repo: PublicRepository) -> None:
        self.repo = repo

    async def competition(self, competition_id: uuid.UUID) -> PublicCompetition:
        competition = await self.repo.competition(competition_id)
        published = await self.repo.published(competition_id) if competition else []
        if competition is None or not published:
            raise CompetitionNotFoundError("No published results for this competition")
        events = {event.id: event for event, _ in published}
        groups = await self.repo.groups(list(events))
        return PublicCompetition(
            id=competition.id,
            name=competition.name,
            kind=competition.kind,
            level=competition.level,
            year=competition.year,
            hosts=await self.repo.hosts(competition.id),
            events=[
                PublicEvent(
                    id=event.id,
                    name=event.name,
                    format=event.format,
                    groups=[
                        PublicGroup(id=g.id, kind=g.kind, name=g.name)
                        for g in groups
                        if g.event_id == event.id
                    ],
                    published_stages=[
                        PublicStage(
                            id=s.id,
                            kind=s.kind,
                            status=s.status,
                            published_at=s.published_at,
                            notice_ends_at=s.notice_ends_at,
                        )
                        for e, s in published
                        if e.id == event.id
                    ],
                )
                for event in events.values()
            ],
        )


def _row(line: Mapping[str, Any]) -> dict[str, Any]:
    if line["format"] == EventFormat.TEAM.value:
        name = mask_org(line["display_name"])  # a team's name says where it is from
    else:
        name = mask_name(line["display_name"])
    return {
        "rank": line["rank"],
        "name": name,
        "organisation": mask_org(line["org_name"] or line["school"]),
        "score": format(line["score"], "f"),
        "prize": line["prize"],
        "advances": line["advances"],
    }
