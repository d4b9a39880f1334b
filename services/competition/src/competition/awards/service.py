"""Finalisation: prizes from every event's closed final become awards, and the honours they
bring are queued for membership in the same transaction (the outbox sends them after it)."""

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from competition.awards.delivery import HONOUR_TOPIC
from competition.awards.errors import GrantNotFoundError, NotReadyError
from competition.awards.honours import honour_title, honours_for
from competition.awards.models import Award, GrantStatus, HonourGrant
from competition.awards.schemas import AwardRead, FinalisationRead, HonourGrantRead
from competition.contests.errors import CompetitionNotFoundError, WrongStateError
from competition.contests.lookup import Contest, Contests
from competition.contests.models import (
    CompetitionStatus,
    Event,
    EventFormat,
    EventGroup,
    GroupKind,
    OrgRole,
    Stage,
    StageKind,
    StageStatus,
)
from competition.contests.service import honours_of
from competition.entries.models import Entry, EntryStatus, Participant
from competition.models import OutboxMessage
from servicekit.outbox import new_message, replay


class AwardService:
    def __init__(self, session: AsyncSession, contests: Contests) -> None:
        self.session = session
        self.contests = contests
        self.access = contests.access

    async def finalise(self, competition_id: uuid.UUID) -> FinalisationRead:
        contest = await self.contests.run(competition_id)
        competition = contest.competition
        if competition.status is not CompetitionStatus.RUNNING:
            raise WrongStateError(
                f"Not possible while the competition is {competition.status.value}"
            )
        await self._require_finals_closed(contest)
        awarded_on = datetime.now(UTC).date()
        # One statement: every prize of a closed final becomes an award.
        await self.session.execute(
            text(
                "INSERT INTO competition.award"
                " (id, competition_id, event_id, group_id, entry_id, rank, prize)"
                " SELECT gen_random_uuid(), :competition_id, s.event_id, r.group_id,"
                " r.entry_id, r.rank, r.prize"
                " FROM competition.stage_result r"
                " JOIN competition.stage s ON s.id = r.stage_id"
                " JOIN competition.event e ON e.id = s.event_id"
                " WHERE e.competition_id = :competition_id AND s.kind = 'final'"
                " AND r.prize IS NOT NULL"
            ),
            {"competition_id": competition.id},
        )
        queued, skipped = await self._grant_honours(contest, awarded_on)
        competition.status = CompetitionStatus.FINALISED
        competition.finalised_at = datetime.now(UTC)
        competition.awarded_on = awarded_on
        await self.session.flush()
        awards = await self.session.scalar(
            select(func.count()).where(Award.competition_id == competition.id)
        )
        return FinalisationRead(
            competition_id=competition.id,
            awarded_on=awarded_on,
            awards=int(awards or 0),
            honours_queued=queued,
            honours_skipped=skipped,
        )

    async def _require_finals_closed(self, contest: Contest) -> None:
        """Every event with approved entries has closed its final."""
        entered = select(Entry.event_id).where(
            Entry.competition_id == contest.id, Entry.status == EntryStatus.APPROVED
        )
        open_finals = await self.session.scalars(
            select(Event.name)
            .join(Stage, Stage.event_id == Event.id)
            .where(
                Event.competition_id == contest.id,
                Event.id.in_(entered),
                Stage.kind == StageKind.FINAL,
                Stage.status != StageStatus.CLOSED,
            )
            .order_by(Event.name)
        )
        names = list(open_finals)
        if names:
            raise NotReadyError(f"Finals not closed yet: {', '.join(names)}")

    async def _grant_honours(self, contest: Contest, awarded_on: date) -> tuple[int, int]:
        competition = contest.competition
        host = next(o for o in contest.orgs if o.role is OrgRole.HOST)
        rows = (
            await self.session.execute(
                select(Award, Entry, EventGroup, Event)
                .join(Entry, Entry.id == Award.entry_id)
                .join(EventGroup, EventGroup.id == Award.group_id)
                .join(Event, Event.id == Award.event_id)
                .where(Award.competition_id == competition.id)
            )
        ).all()
        people: dict[uuid.UUID, list[Participant]] = {}
        for person in await self.session.scalars(
            select(Participant)
            .where(Participant.entry_id.in_([entry.id for _, entry, _, _ in rows]))
            .order_by(Participant.seq)
        ):
            people.setdefault(person.entry_id, []).append(person)
        queued = skipped = 0
        for award, entry, group, event in rows:
            if group.kind is GroupKind.STUDENT:
                continue  # students take prizes, not honours
            team = event.format is EventFormat.TEAM
            for kind in honours_for(award.rank, honours_of(group)):
                for person in people.get(entry.id, []):
                    if person.membership_no is None:
                        continue
                    grant = HonourGrant(
                        id=uuid.uuid4(),
                        award_id=award.id,
                        membership_no=person.membership_no,
                        name=person.name,
                        kind=kind,
                        level=competition.level.value,
                        title=honour_title(kind, competition.level, host.org_name),
                        team_name=entry.display_name if team else None,
                        status=GrantStatus.SKIPPED if competition.demo else GrantStatus.QUEUED,
                    )
                    if competition.demo:
                        skipped += 1
                    else:
                        grant.message_key = f"competition:honour:{grant.id}"
                        self.session.add(
                            new_message(
                                OutboxMessage,
                                HONOUR_TOPIC,
                                {
                                    "membership_no": grant.membership_no,
                                    "kind": grant.kind.value,
                                    "level": grant.level,
                                    "title": grant.title,
                                    "team_name": grant.team_name,
                                    "awarded_on": awarded_on.isoformat(),
                                    "source_ref": grant.message_key,
                                    # Membership checks the host's authority for the level.
                                    "granting_org_id": str(host.org_id),
                                },
                                key=grant.message_key,
                            )
                        )
                        queued += 1
                    self.session.add(grant)
        await self.session.flush()
        return queued, skipped

    async def awards(
        self, competition_id: uuid.UUID, event_id: uuid.UUID | None
    ) -> list[AwardRead]:
        """The organisers' view: names, membership numbers, the honours' delivery."""
        contest = await self.contests.run(competition_id)
        query = (
            select(Award, Entry)
            .join(Entry, Entry.id == Award.entry_id)
            .where(Award.competition_id == contest.id)
            .order_by(Award.event_id, Award.group_id, Award.rank, Entry.code)
        )
        if event_id is not None:
            query = query.where(Award.event_id == event_id)
        rows = (await self.session.execute(query)).all()
        grants = await self._grants([award.id for award, _ in rows])
        return [
            AwardRead(
                id=award.id,
                event_id=award.event_id,
                group_id=award.group_id,
                entry_id=award.entry_id,
                entry_code=entry.code,
                display_name=entry.display_name,
                org_name=entry.org_name,
                school=entry.school,
                rank=award.rank,
                prize=award.prize,
                honours=grants.get(award.id, []),
                created_at=award.created_at,
            )
            for award, entry in rows
        ]

    async def _grants(self, award_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[HonourGrantRead]]:
        if not award_ids:
            return {}
        rows = await self.session.execute(
            select(HonourGrant, OutboxMessage)
            .outerjoin(OutboxMessage, OutboxMessage.message_key == HonourGrant.message_key)
            .where(HonourGrant.award_id.in_(award_ids))
            .order_by(HonourGrant.kind, HonourGrant.membership_no)
        )
        grants: dict[uuid.UUID, list[HonourGrantRead]] = {}
        for grant, message in rows.all():
            grants.setdefault(grant.award_id, []).append(grant_read(grant, message))
        return grants

    async def retry(self, grant_id: uuid.UUID) -> HonourGrantRead:
        """Put a dead-lettered honour back in the outbox (membership fixed, member found)."""
        grant = await self.session.get(HonourGrant, grant_id)
        award = await self.session.get(Award, grant.award_id) if grant else None
        if grant is None or award is None:
            raise GrantNotFoundError()
        try:
            await self.contests.run(award.competition_id)
        except CompetitionNotFoundError:
            raise GrantNotFoundError() from None
        message = await self.session.scalar(
            select(OutboxMessage).where(OutboxMessage.message_key == grant.message_key)
        )
        if message is None:
            raise WrongStateError("Demo honours are not sent")
        await replay(self.session, OutboxMessage, message.id)
        return grant_read(grant, message)


def grant_read(grant: HonourGrant, message: OutboxMessage | None) -> HonourGrantRead:
    return HonourGrantRead(
        id=grant.id,
        membership_no=grant.membership_no,
        name=grant.name,
        kind=grant.kind,
        level=grant.level,
        title=grant.title,
        team_name=grant.team_name,
        status=grant.status,
        delivery=message.status if message else None,
        attempts=message.attempts if message else None,
        last_error=message.last_error if message else None,
    )
