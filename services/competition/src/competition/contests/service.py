import uuid
from typing import Any

from competition.access import Permission, level_within
from competition.awards.models import HonourKind
from competition.clients.membership import MembershipClient, OrgSummary
from competition.contests.errors import (
    EventNameTakenError,
    InvalidRulesError,
    LevelAboveHostError,
    UnknownOrgError,
    WrongStateError,
)
from competition.contests.lookup import Contest, Contests
from competition.contests.models import (
    AdvancementRule,
    Competition,
    CompetitionKind,
    CompetitionOrg,
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
from competition.contests.notice import NoticeRule
from competition.contests.rules import (
    DEFAULT_PRIZES,
    HonourRule,
    PrizeRule,
    Rubric,
    default_honours,
)
from competition.contests.schemas import (
    AdvancementRead,
    AdvancementRuleIn,
    CompetitionCreate,
    CompetitionOrgRead,
    CompetitionRead,
    CompetitionUpdate,
    EligibilityIn,
    EligibilityRead,
    EligibleOrgRead,
    EventCreate,
    EventRead,
    EventUpdate,
    GroupAwardsUpdate,
    GroupRead,
    StageRead,
)
from servicekit.concurrency import check_if_match

# Rules of a group's final may change until the final is ranked.
_PRIZES_OPEN = {StageStatus.PLANNED, StageStatus.SCORING}


class ContestService:
    def __init__(
        self, contests: Contests, membership: MembershipClient, notice: NoticeRule
    ) -> None:
        self.contests = contests
        self.repo = contests.repo
        self.access = contests.access
        self.membership = membership
        self.notice = notice

    # Competitions

    async def create(self, competition_in: CompetitionCreate) -> CompetitionRead:
        self.access.require(Permission.RUN_COMPETITIONS)
        host = await self._org_in_scope(competition_in.host_org_id)
        if not level_within(competition_in.level.value, host.level):
            raise LevelAboveHostError(
                f"A {host.level} organisation hosts competitions up to its own level"
            )
        organisers = [
            await self._org_in_scope(i)
            for i in dict.fromkeys(competition_in.organiser_org_ids)
            if i != host.id
        ]
        notice_days = competition_in.notice_days
        if notice_days is None:
            notice_days = self.notice.floor(competition_in.level)
        self.notice.check(competition_in.level, notice_days)
        competition = Competition(
            id=uuid.uuid4(),
            name=competition_in.name,
            kind=competition_in.kind,
            level=competition_in.level,
            year=competition_in.year,
            status=CompetitionStatus.DRAFT,
            description=competition_in.description,
            notice_days=notice_days,
            demo=False,
            created_by=self.access.actor,
        )
        await self.repo.add(competition)
        orgs = [_competition_org(competition.id, host, OrgRole.HOST)] + [
            _competition_org(competition.id, org, OrgRole.ORGANISER) for org in organisers
        ]
        await self.repo.add(*orgs)
        return competition_read(Contest(competition, orgs))

    async def _org_in_scope(self, org_id: uuid.UUID) -> OrgSummary:
        """An active organisation in the caller's sub-tree: hosts and organisers are the
        creator's own offices, or offices below them."""
        org = await self.membership.org(org_id)
        if org is None or not org.active or not self.access.covers(org.path):
            raise UnknownOrgError(f"No organisation {org_id} in your sub-tree")
        return org

    async def page(
        self,
        year: int | None,
        kind: CompetitionKind | None,
        status: CompetitionStatus | None,
        after: tuple[int, str, uuid.UUID] | None,
        limit: int,
    ) -> list[CompetitionRead]:
        access = self.access
        rows = await self.repo.page(
            everything=access.unrestricted,
            runs_in=access.scope_paths if access.has(Permission.RUN_COMPETITIONS) else (),
            near=access.scope_paths,
            all_announced=access.person_id is not None,
            year=year,
            kind=kind,
            status=status,
            after=after,
            limit=limit,
        )
        orgs = await self.repo.orgs_of([c.id for c in rows])
        return [
            competition_read(Contest(c, [o for o in orgs if o.competition_id == c.id]))
            for c in rows
        ]

    async def update(
        self, competition_id: uuid.UUID, update: CompetitionUpdate, if_match: str | None
    ) -> Contest:
        contest = await self.contests.run(competition_id)
        check_if_match(if_match, contest.competition.version)
        _require_status(
            contest.competition,
            CompetitionStatus.DRAFT,
            CompetitionStatus.REGISTRATION,
            CompetitionStatus.RUNNING,
        )
        # The notice period may grow while stages run (it applies to later publications),
        # but not shrink once results have been on notice.
        if update.notice_days is not None:
            await self._check_notice(contest.competition, update.notice_days)
        for field, value in update.model_dump(exclude_unset=True).items():
            if value is not None:
                setattr(contest.competition, field, value)
        await self.repo.session.flush()
        return contest

    async def _check_notice(self, competition: Competition, days: int) -> None:
        self.notice.check(competition.level, days)
        if days < competition.notice_days and await self.repo.published_any(competition.id):
            raise WrongStateError(
                "Results have been on notice: the notice period may grow, not shrink"
            )

    async def open_registration(self, competition_id: uuid.UUID) -> Contest:
        contest = await self.contests.run(competition_id)
        _require_status(contest.competition, CompetitionStatus.DRAFT)
        if not await self.repo.events(contest.id):
            raise WrongStateError("Add at least one event before opening registration")
        contest.competition.status = CompetitionStatus.REGISTRATION
        await self.repo.session.flush()
        return contest

    async def close_registration(self, competition_id: uuid.UUID) -> Contest:
        contest = await self.contests.run(competition_id)
        _require_status(contest.competition, CompetitionStatus.REGISTRATION)
        contest.competition.status = CompetitionStatus.RUNNING
        await self.repo.session.flush()
        return contest

    # Events

    async def create_event(self, competition_id: uuid.UUID, event_in: EventCreate) -> EventRead:
        contest = await self.contests.run(competition_id)
        competition = contest.competition
        _require_status(competition, CompetitionStatus.DRAFT, CompetitionStatus.REGISTRATION)
        vocational = (
            event_in.vocational
            if event_in.vocational is not None
            else competition.kind is CompetitionKind.VOCATIONAL_SKILLS
        )
        await self._name_free(competition.id, event_in.name)
        team = event_in.format is EventFormat.TEAM
        event = Event(
            id=uuid.uuid4(),
            competition_id=competition.id,
            name=event_in.name,
            format=event_in.format,
            team_size=event_in.team_size,
            vocational=vocational,
            aggregation=event_in.aggregation,
            trim_min_judges=event_in.trim_min_judges,
            judges_per_entry=event_in.judges_per_entry,
            spread_threshold=event_in.spread_threshold,
            version=1,
        )
        _set_rubric(event, event_in.rubric)
        await self._set_eligibility(event, event_in.eligibility)
        groups = []
        for group_in in event_in.groups:
            student = group_in.kind is GroupKind.STUDENT
            if student and team:
                raise InvalidRulesError("Student groups enter individuals only")
            honours = group_in.honours
            if honours is None:
                honours = default_honours(team, vocational, student)
            _check_honours(honours, team, vocational)
            groups.append(
                EventGroup(
                    id=uuid.uuid4(),
                    event_id=event.id,
                    kind=group_in.kind,
                    name=group_in.name,
                    prize_rules=_dump(group_in.prizes or DEFAULT_PRIZES),
                    honour_rules=_dump(honours),
                )
            )
        group_ids = {g.name: g.id for g in groups}
        stages, rules = [], []
        for seq, stage_in in enumerate(event_in.stages, start=1):
            stage = Stage(
                id=uuid.uuid4(),
                event_id=event.id,
                kind=stage_in.kind,
                seq=seq,
                status=StageStatus.PLANNED,
                version=1,
            )
            stages.append(stage)
            rules += [
                AdvancementRule(
                    stage_id=stage.id, group_id=group_ids[r.group], kind=r.kind, value=r.value
                )
                for r in stage_in.advancement
            ]
        await self.repo.add(event)
        await self.repo.add(*groups)
        await self.repo.add(*stages)
        await self.repo.add(*rules)
        return (await self.event_reads([event]))[0]

    async def _name_free(self, competition_id: uuid.UUID, name: str) -> None:
        if await self.repo.event_named(competition_id, name) is not None:
            raise EventNameTakenError(f"The competition already has an event named {name}")

    async def _set_eligibility(self, event: Event, eligibility: EligibilityIn) -> None:
        # Only organisations the organiser sees: any other would come back with its name
        # and place in the tree, told apart from an id that names nothing. An open
        # invitation beyond them names none (everyone is admitted).
        found = {
            org_id: org
            for org_id, org in (await self.membership.orgs(eligibility.org_ids)).items()
            if self.access.covers(org.path)
        }
        missing = [str(i) for i in eligibility.org_ids if i not in found]
        if missing:
            raise UnknownOrgError(f"No organisations {', '.join(missing)} in your sub-tree")
        orgs = [found[i] for i in dict.fromkeys(eligibility.org_ids)]
        event.eligible_employment_forms = list(eligibility.employment_forms)
        event.eligible_orgs = [{"id": str(o.id), "name": o.name, "path": o.path} for o in orgs]

    async def events(self, competition_id: uuid.UUID) -> list[EventRead]:
        contest = await self.contests.visible(competition_id)
        return await self.event_reads(await self.repo.events(contest.id))

    async def read_event(self, event_id: uuid.UUID) -> Event:
        event, _ = await self.contests.event(event_id)
        return event

    async def update_event(
        self, event_id: uuid.UUID, update: EventUpdate, if_match: str | None
    ) -> Event:
        event, contest = await self.contests.event(event_id, run=True)
        check_if_match(if_match, event.version)
        if contest.competition.status is CompetitionStatus.FINALISED:
            raise WrongStateError("The competition is finalised")
        if any(s.status is not StageStatus.PLANNED for s in await self.repo.stages([event.id])):
            raise WrongStateError("The event's rules are fixed once a stage has started")
        if update.name is not None and update.name != event.name:
            await self._name_free(event.competition_id, update.name)
        fields = update.model_dump(exclude_unset=True, exclude={"rubric", "eligibility"})
        for field, value in fields.items():
            if value is not None or field == "spread_threshold":
                setattr(event, field, value)
        if update.rubric is not None:
            _set_rubric(event, update.rubric)
        if update.eligibility is not None:
            await self._set_eligibility(event, update.eligibility)
        team = event.format is EventFormat.TEAM
        for group in await self.repo.groups([event.id]):
            _check_honours(honours_of(group), team, event.vocational)
        await self.repo.session.flush()
        return event

    async def update_group_awards(
        self, group_id: uuid.UUID, awards: GroupAwardsUpdate
    ) -> EventGroup:
        group, event, _ = await self.contests.group(group_id, run=True)
        if group.kind is GroupKind.STUDENT and awards.honours:
            raise InvalidRulesError("Students take prizes but no honours")
        _check_honours(awards.honours, event.format is EventFormat.TEAM, event.vocational)
        stages = await self.repo.stages([event.id])
        final = stages[-1]
        if final.status not in _PRIZES_OPEN:
            raise WrongStateError("The final is ranked; its prizes are fixed")
        group.prize_rules = _dump(awards.prizes)
        group.honour_rules = _dump(awards.honours)
        await self.repo.session.flush()
        return group

    async def update_advancement(
        self, stage_id: uuid.UUID, rules_in: list[AdvancementRuleIn]
    ) -> list[AdvancementRule]:
        stage, event, _ = await self.contests.stage(stage_id, run=True)
        if stage.kind is StageKind.FINAL:
            raise InvalidRulesError("Nobody advances from the final")
        if stage.status not in (StageStatus.PLANNED, StageStatus.SCORING):
            raise WrongStateError("Advancement is fixed once the stage is ranked")
        group_ids = {g.id for g in await self.repo.groups([event.id])}
        given = [r.group_id for r in rules_in]
        if sorted(given) != sorted(group_ids):
            raise InvalidRulesError("Give one rule for each group of the event")
        rules = [
            AdvancementRule(stage_id=stage.id, group_id=r.group_id, kind=r.kind, value=r.value)
            for r in rules_in
        ]
        await self.repo.replace_advancement(stage.id, rules)
        return rules

    async def event_reads(self, events: list[Event]) -> list[EventRead]:
        ids = [e.id for e in events]
        groups = await self.repo.groups(ids)
        stages = await self.repo.stages(ids)
        rules = await self.repo.advancement([s.id for s in stages])
        return [
            event_read(
                event,
                [g for g in groups if g.event_id == event.id],
                [s for s in stages if s.event_id == event.id],
                rules,
            )
            for event in events
        ]


def _competition_org(competition_id: uuid.UUID, org: OrgSummary, role: OrgRole) -> CompetitionOrg:
    return CompetitionOrg(
        competition_id=competition_id,
        org_id=org.id,
        role=role,
        org_name=org.name,
        org_path=org.path,
    )


def _require_status(competition: Competition, *allowed: CompetitionStatus) -> None:
    if competition.status not in allowed:
        raise WrongStateError(f"Not possible while the competition is {competition.status.value}")


def _dump(rules: list[PrizeRule] | list[HonourRule]) -> list[dict[str, Any]]:
    return [rule.model_dump(mode="json") for rule in rules]


def _set_rubric(event: Event, rubric: Rubric) -> None:
    event.criteria = [c.model_dump(mode="json") for c in rubric.criteria]
    event.tie_breaks = list(rubric.tie_breaks)


def _check_honours(honours: list[HonourRule], team: bool, vocational: bool) -> None:
    kinds = [h.honour for h in honours]
    if len(set(kinds)) != len(kinds):
        raise InvalidRulesError("Name each honour once")
    if HonourKind.WORKER_PIONEER in kinds and not team:
        raise InvalidRulesError("Worker Pioneer is a team title")
    if HonourKind.TECHNICAL_EXPERT in kinds and not vocational:
        raise InvalidRulesError("Technical Expert is for vocational events")


def rubric_of(event: Event) -> Rubric:
    return Rubric.model_validate({"criteria": event.criteria, "tie_breaks": event.tie_breaks})


def prizes_of(group: EventGroup) -> list[PrizeRule]:
    return [PrizeRule.model_validate(r) for r in group.prize_rules]


def honours_of(group: EventGroup) -> list[HonourRule]:
    return [HonourRule.model_validate(r) for r in group.honour_rules]


def competition_read(contest: Contest) -> CompetitionRead:
    c = contest.competition
    return CompetitionRead(
        id=c.id,
        name=c.name,
        kind=c.kind,
        level=c.level,
        year=c.year,
        status=c.status,
        description=c.description,
        notice_days=c.notice_days,
        demo=c.demo,
        orgs=[CompetitionOrgRead.model_validate(o) for o in contest.orgs],
        created_at=c.created_at,
        finalised_at=c.finalised_at,
        awarded_on=c.awarded_on,
    )


def event_read(
    event: Event, groups: list[EventGroup], stages: list[Stage], rules: list[AdvancementRule]
) -> EventRead:
    return EventRead(
        id=event.id,
        competition_id=event.competition_id,
        name=event.name,
        format=event.format,
        team_size=event.team_size,
        vocational=event.vocational,
        rubric=rubric_of(event),
        aggregation=event.aggregation,
        trim_min_judges=event.trim_min_judges,
        judges_per_entry=event.judges_per_entry,
        spread_threshold=event.spread_threshold,
        eligibility=EligibilityRead(
            employment_forms=event.eligible_employment_forms,
            orgs=[EligibleOrgRead(id=o["id"], name=o["name"]) for o in event.eligible_orgs],
        ),
        groups=[
            GroupRead(id=g.id, kind=g.kind, name=g.name, prizes=prizes_of(g), honours=honours_of(g))
            for g in groups
        ],
        stages=[
            StageRead(
                id=s.id,
                kind=s.kind,
                seq=s.seq,
                status=s.status,
                started_at=s.started_at,
                ranked_at=s.ranked_at,
                published_at=s.published_at,
                notice_ends_at=s.notice_ends_at,
                closed_at=s.closed_at,
                advancement=[
                    AdvancementRead.model_validate(r) for r in rules if r.stage_id == s.id
                ],
            )
            for s in stages
        ],
    )
