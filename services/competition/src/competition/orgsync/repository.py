import uuid
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from competition.orgsync.models import OrgEvent

# Every column holding a path membership reported: competitions' hosts and organisers (who
# runs and sees what), entries and judges (conflicts), participants (statistics).
PATH_COLUMNS = (
    ("competition_org", "org_path"),
    ("entry", "org_path"),
    ("participant", "org_path"),
    ("judge_org", "org_path"),
)
LABEL_LENGTH = 32  # an organisation's id in hex: one label of a path


class OrgEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, event: OrgEvent) -> bool:
        """Stores the event unless its webhook-id was seen: whether it is new. A concurrent
        delivery of the same id waits for this transaction, then finds it."""
        values = {c.key: getattr(event, c.key) for c in OrgEvent.__table__.columns}
        inserted = await self.session.scalar(
            insert(OrgEvent)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[OrgEvent.webhook_id])
            .returning(OrgEvent.webhook_id)
        )
        return inserted is not None

    async def moved_since(self, org_id: uuid.UUID, occurred_at: datetime) -> bool:
        """A later move of the organisation has been applied already."""
        query = select(OrgEvent.webhook_id).where(
            OrgEvent.org_id == org_id,
            OrgEvent.type == "org.moved",
            OrgEvent.applied,
            OrgEvent.occurred_at > occurred_at,
        )
        return await self.session.scalar(query.limit(1)) is not None

    async def move(self, org_id: uuid.UUID, path: str) -> None:
        """Every stored path through the organisation continues from its new path. Found by
        the organisation's own label rather than by the old path, so a path stored before
        an earlier move that never arrived is put right as well."""
        params = {"label": org_id.hex, "path": path, "skip": LABEL_LENGTH}
        for table, column in PATH_COLUMNS:
            await self.session.execute(
                text(
                    f"UPDATE competition.{table}"  # noqa: S608  (fixed names; values bound)
                    f" SET {column} = CAST(:path AS text)"
                    f" || substr({column}, strpos({column}, :label) + :skip)"
                    f" WHERE strpos({column}, :label) > 0"
                ),
                params,
            )
        await self.session.execute(
            text(
                """
UPDATE competition.event SET eligible_orgs = (
    SELECT jsonb_agg(
        CASE WHEN strpos(o->>'path', :label) > 0
        THEN jsonb_set(o, '{path}', to_jsonb(
            CAST(:path AS text) || substr(o->>'path', strpos(o->>'path', :label) + :skip)))
        ELSE o END
        ORDER BY n)
    FROM jsonb_array_elements(eligible_orgs) WITH ORDINALITY AS t(o, n)
)
WHERE strpos(CAST(eligible_orgs AS text), :label) > 0
"""
            ),
            params,
        )
