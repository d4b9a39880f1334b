import uuid
from collections import Counter

from competition.access import Permission
from competition.clients.membership import MembershipClient
from competition.contests.errors import UnknownOrgError, WrongStateError
from competition.contests.lookup import Contest, Contests
from competition.contests.models import CompetitionStatus, Stage, StageStatus
from competition.entries.errors import EntryNotFoundError
from competition.entries.models import Entry
from competition.entries.repository import EntryRepository
from competition.judging.assignment import Plan, assign
from competition.judging.conflicts import org_conflict
from competition.judging.errors import (
    ConflictOfInterestError,
    JudgeAccountNotFoundError,
    JudgeExistsError,
    JudgeNotFoundError,
    JudgeWithoutOrgError,
    PanelInUseError,
)
from competition.judging.models import Conflict, Judge, JudgeOrg
from competition.judging.repository import JudgeRepository
from competition.judging.schemas import (
    AssignmentPlanRead,
    ConflictCreate,
    JudgeCreate,
    JudgeLoad,
    OwnConflictCreate,
)
from competition.scoring import audit
from competition.scoring.models import SheetStatus
from servicekit.errors import ForbiddenError

# Panels change until the stage is ranked.
_PANEL_OPEN = (StageStatus.PLANNED, StageStatus.SCORING)


class JudgingService:
    def __init__(
        self,
        repo: JudgeRepository,
        entries: EntryRepository,
        contests: Contests,
        membership: MembershipClient,
    ) -> None:
        self.repo = repo
        self.entries = entries
        self.contests = contests
        self.access = contests.access
        self.membership = membership

    async def add_judge(self, competition_id: uuid.UUID, judge_in: JudgeCreate) -> Judge:
        contest = await self.contests.run(competition_id)
        _require_not_finalised(contest)
        account = await self.membership.account(judge_in.username)
        if (
            account is None
            or not account.is_active
            or Permission.JUDGE.value not in account.permissions
        ):
            raise JudgeAccountNotFoundError()
        if await self.repo.by_subject(contest.id, str(account.id)):
            raise JudgeExistsError()
        # Conflicts are assessed against the organisations the account acts for: with none,
        # nothing could keep the judge off their own people's entries.
        org_ids = list(dict.fromkeys(account.org_ids))
        if not org_ids:
            raise JudgeWithoutOrgError(
                "The account belongs to no organisation, so its conflicts of interest cannot "
                "be assessed; membership must place it in one first"
            )
        orgs = await self.membership.orgs(org_ids)
        if len(orgs) != len(org_ids):
            raise UnknownOrgError("Membership does not know one of the account's organisations")
        first = orgs[org_ids[0]]
        judge = Judge(
            id=uuid.uuid4(),
            competition_id=contest.id,
            subject=str(account.id),
            username=account.username,
            name=account.display_name[:100],
            org_id=first.id,
            org_name=first.name,
        )
        await self.repo.add(judge)
        await self.repo.add(
            *(JudgeOrg(judge_id=judge.id, org_id=o.id, org_path=o.path) for o in orgs.values())
        )
        return judge

    async def judges(self, competition_id: uuid.UUID, username: str | None) -> list[Judge]:
        contest = await self.contests.run(competition_id)
        return await self.repo.of_competition(contest.id, username)

    async def _judge(self, judge_id: uuid.UUID) -> tuple[Judge, Contest]:
        judge = await self.repo.get(judge_id)
        contest = await self.contests.load(judge.competition_id) if judge else None
        if judge is None or contest is None or not self.contests.sees(contest):
            raise JudgeNotFoundError()
        if not self.contests.runs(contest):
            raise ForbiddenError("Only the organisers of this competition may do this")
        return judge, contest

    # Panels

    async def panel(self, stage_id: uuid.UUID) -> list[Judge]:
        stage, _, _ = await self.contests.stage(stage_id, run=True)
        return await self.repo.panel(stage.id)

    async def seat(self, stage_id: uuid.UUID, judge_ids: list[uuid.UUID]) -> list[Judge]:
        stage, _, contest = await self.contests.stage(stage_id, run=True)
        _require_stage(stage, *_PANEL_OPEN)
        judges = await self.repo.many(judge_ids)
        if len(judges) != len(set(judge_ids)) or any(
            j.competition_id != contest.id for j in judges
        ):
            raise JudgeNotFoundError("Add the judges to this competition first")
        await self.repo.seat(stage.id, [j.id for j in judges])
        return await self.repo.panel(stage.id)

    async def unseat(self, stage_id: uuid.UUID, judge_id: uuid.UUID) -> None:
        stage, _, _ = await self.contests.stage(stage_id, run=True)
        _require_stage(stage, *_PANEL_OPEN)
        if await self.repo.sheets_by(stage.id, judge_id):
            raise PanelInUseError("Their sheets would be lost; declare a conflict instead")
        await self.repo.unseat(stage.id, judge_id)

    # Conflicts of interest

    async def declare(self, judge_id: uuid.UUID, conflict_in: ConflictCreate) -> Conflict:
        judge, contest = await self._judge(judge_id)
        entry = await self.entries.get(conflict_in.entry_id)
        if entry is None or entry.competition_id != contest.id:
            raise EntryNotFoundError()
        return await self._declare(judge, entry, conflict_in.reason)

    async def declare_own(
        self, competition_id: uuid.UUID, conflict_in: OwnConflictCreate
    ) -> Conflict:
        self.access.require(Permission.JUDGE)
        judge = await self.repo.by_subject(competition_id, self.access.actor)
        if judge is None:
            raise JudgeNotFoundError("You are not a judge of this competition")
        entry = await self.entries.by_code(competition_id, conflict_in.entry_code.upper())
        if entry is None:
            raise EntryNotFoundError()
        return await self._declare(judge, entry, conflict_in.reason)

    async def _declare(self, judge: Judge, entry: Entry, reason: str) -> Conflict:
        existing = await self.repo.conflict(judge.id, entry.id)
        if existing is not None:
            return existing
        stages = await self.repo.stages_of_pair(judge.id, entry.id)
        if any(s.status not in _PANEL_OPEN for s in stages):
            raise ConflictOfInterestError(
                "The judge's marks are in computed results: reopen the stage, or decide it "
                "through an objection"
            )
        # The judge leaves the entry: assignments go, sheets are voided (kept in the trail).
        await self.repo.unassign(judge.id, entry.id)
        for sheet in await self.repo.live_sheets(judge.id, entry.id):
            before = audit.snapshot(sheet)
            sheet.status = SheetStatus.VOID
            await self.repo.add(audit.change(sheet, before, self.access.actor, reason))
        conflict = Conflict(
            id=uuid.uuid4(),
            judge_id=judge.id,
            entry_id=entry.id,
            reason=reason,
            declared_by=self.access.actor,
        )
        await self.repo.add(conflict)
        return conflict

    async def conflicts(self, judge_id: uuid.UUID) -> list[Conflict]:
        judge, _ = await self._judge(judge_id)
        return await self.repo.conflicts_of(judge.id)

    # Assignment

    async def auto_assign(self, stage_id: uuid.UUID) -> AssignmentPlanRead:
        stage, event, _ = await self.contests.stage(stage_id, run=True)
        _require_stage(stage, StageStatus.SCORING)
        judges = await self.repo.panel(stage.id)
        if not judges:
            raise WrongStateError("Seat the stage's panel first")
        competing = await self.repo.competing(stage.id)
        paths = {entry_id: path for entry_id, _, path in competing}
        judge_paths = await self.repo.org_paths([j.id for j in judges])
        declared = await self.repo.declared_pairs([j.id for j in judges])

        def conflicted(judge_id: uuid.UUID, entry_id: uuid.UUID) -> bool:
            return (judge_id, entry_id) in declared or any(
                org_conflict(path, paths[entry_id]) for path in judge_paths[judge_id]
            )

        existing = await self.repo.assigned(stage.id)
        plan: Plan = assign(
            list(paths), [j.id for j in judges], event.judges_per_entry, conflicted, existing
        )
        await self.repo.assign(stage.id, plan.new)
        load: Counter[uuid.UUID] = Counter(j for _, j in plan.new)
        for entry_id, assigned in existing.items():
            if entry_id in paths:
                load.update(assigned)
        codes = {entry_id: code for entry_id, code, _ in competing}
        return AssignmentPlanRead(
            entries=len(competing),
            added=len(plan.new),
            short=sorted(codes[e] for e in plan.short),
            load=[JudgeLoad(judge_id=j.id, name=j.name, entries=load[j.id]) for j in judges],
        )

    async def assignments(
        self,
        stage_id: uuid.UUID,
        judge_id: uuid.UUID | None,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
    ) -> list[tuple[uuid.UUID, str, uuid.UUID, str]]:
        stage, _, _ = await self.contests.stage(stage_id, run=True)
        return await self.repo.assignment_page(stage.id, judge_id, after, limit)


def _require_stage(stage: Stage, *allowed: StageStatus) -> None:
    if stage.status not in allowed:
        raise WrongStateError(f"Not possible while the stage is {stage.status.value}")


def _require_not_finalised(contest: Contest) -> None:
    if contest.competition.status is CompetitionStatus.FINALISED:
        raise WrongStateError("The competition is finalised")
