"""The public leaderboard's reads. A page is one statement on a pooled driver connection
outside any transaction (servicekit.reads): no BEGIN, no COMMIT, no statement building."""

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from competition.contests.models import (
    Competition,
    CompetitionOrg,
    CompetitionStatus,
    Event,
    EventGroup,
    OrgRole,
    Stage,
    StageStatus,
)
from servicekit.reads import Reads

# Results are public from publication on; a rescore leaves the published ones standing.
PUBLIC_STATES = (StageStatus.PUBLISHED, StageStatus.RESCORING, StageStatus.CLOSED)


# One round trip a page: the stage shown (the one asked for, else the latest published) and
# its page of results.
_BOARD = """
WITH board AS (
    SELECT c.id AS competition_id, c.name AS competition_name, e.id AS event_id,
           e.name AS event_name, g.id AS group_id, g.name AS group_name, s.id AS stage_id,
           s.kind AS stage_kind, s.status AS stage_status, s.published_at, s.notice_ends_at
    FROM competition.stage s
    JOIN competition.event e ON e.id = s.event_id
    JOIN competition.competition c ON c.id = e.competition_id
    JOIN competition.event_group g ON g.event_id = e.id
    WHERE s.event_id = $1 AND s.status IN ('published', 'rescoring', 'closed')
      AND c.status <> 'draft'
      AND ($2::uuid IS NULL OR g.id = $2) AND ($3::uuid IS NULL OR s.id = $3)
    ORDER BY s.seq DESC, g.kind, g.name
    LIMIT 1
)
SELECT b.*, r.rank, r.score, r.prize, r.advances, n.display_name, n.format,
       n.org_name, n.school
FROM board b
LEFT JOIN LATERAL (
    SELECT * FROM competition.stage_result r
    WHERE r.stage_id = b.stage_id AND r.group_id = b.group_id {after}
    ORDER BY r.rank, r.entry_code
    LIMIT $4 {skip}
) r ON true
LEFT JOIN competition.entry n ON n.id = r.entry_id
ORDER BY r.rank, r.entry_code
"""
FIRST_PAGE = _BOARD.format(after="", skip="")
# A page starts at a rank, past the rows of that rank already shown (a handful at most: ties).
# Not the blind entry code as the key: the public must not learn which code is whose, or the
# judges of a later stage could look their entries up here.
# A separate statement, not `$5 IS NULL OR ...`: a generic plan must keep the index range.
NEXT_PAGE = _BOARD.format(after="AND r.rank >= $5", skip="OFFSET $6")


class LeaderboardReader:
    def __init__(self, reads: Reads) -> None:
        self.reads = reads

    async def page(
        self,
        event_id: uuid.UUID,
        group_id: uuid.UUID | None,
        stage_id: uuid.UUID | None,
        after: tuple[int, int] | None,
        limit: int,
    ) -> list[Mapping[str, Any]]:
        """`after`: the rank the page starts at, and how many rows of it were shown."""
        """Rows of the board and its lines; none when nothing is published."""
        async with self.reads() as driver:
            if after is None:
                rows = await driver.fetch(FIRST_PAGE, event_id, group_id, stage_id, limit)
            else:
                rows = await driver.fetch(NEXT_PAGE, event_id, group_id, stage_id, limit, *after)
        return [dict(row) for row in rows]


class PublicRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def competition(self, competition_id: uuid.UUID) -> Competition | None:
        competition = await self.session.get(Competition, competition_id)
        if competition is None or competition.status is CompetitionStatus.DRAFT:
            return None
        return competition

    async def hosts(self, competition_id: uuid.UUID) -> list[str]:
        query = (
            select(CompetitionOrg.org_name)
            .where(
                CompetitionOrg.competition_id == competition_id,
                CompetitionOrg.role == OrgRole.HOST,
            )
            .order_by(CompetitionOrg.org_name)
        )
        return list(await self.session.scalars(query))

    async def published(self, competition_id: uuid.UUID) -> list[tuple[Event, Stage]]:
        query = (
            select(Event, Stage)
            .join(Stage, Stage.event_id == Event.id)
            .where(Event.competition_id == competition_id, Stage.status.in_(PUBLIC_STATES))
            .order_by(Event.name, Stage.seq)
        )
        return [(e, s) for e, s in (await self.session.execute(query)).all()]

    async def groups(self, event_ids: list[uuid.UUID]) -> list[EventGroup]:
        query = (
            select(EventGroup)
            .where(EventGroup.event_id.in_(event_ids))
            .order_by(EventGroup.kind, EventGroup.name)
        )
        return list(await self.session.scalars(query))
