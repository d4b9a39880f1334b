"""Demo contests for `make run`, shaped like the Workers' Daily reports: the provincial
obstetrics clinical skills contest (43 hospital teams of 5, 215 finalists, seven judges per
team, scoring finished) and a city vocational skills contest (14 events with employee and
student groups, 630 contestants, preliminaries scored, finals to come).

Entrants, judges and their organisations are snapshots, not membership's records, and the
contests are marked demo (finalising them sends no honours). When membership answers (`make
run` seeds after the services start) the contests hang under its demo province and Hangzhou,
so its demo cadres (zj.cadre, hz.cadre) run them; otherwise under snapshot ones, for an
admin. Seeds once; development only.

    python -m competition.seed
"""

import asyncio
import random
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from competition import models as _models  # noqa: F401  (every table, for the mapper)
from competition.access import level_within
from competition.awards.models import HonourKind, Prize
from competition.clients.membership import (
    MembershipClient,
    MembershipUnavailableError,
    create_membership_client,
)
from competition.contests.models import (
    AdvancementKind,
    AdvancementRule,
    Aggregation,
    Competition,
    CompetitionKind,
    CompetitionLevel,
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
from competition.contests.rules import (
    Criterion,
    CriterionKind,
    HonourRule,
    PrizeRule,
    Rubric,
    default_honours,
)
from competition.entries.codes import new_codes
from competition.entries.models import Entry, EntryStatus, Participant
from competition.judging.assignment import assign
from competition.judging.conflicts import org_conflict
from competition.judging.models import Assignment, Judge, JudgeOrg, PanelSeat
from competition.ranking.models import Attendance, StageEntry
from competition.scoring.marks import total
from competition.scoring.models import ScoreSheet, SheetStatus
from competition.settings import CompetitionSettings
from servicekit.db import create_engine, create_sessionmaker
from servicekit.settings import Environment

PROVINCE, CITY_FEDERATION = "浙江省总工会", "杭州市总工会"
OBSTETRICS = "浙江省妇产科临床技能竞赛（演示）"
CITY = "杭州市职工职业技能大赛（演示）"
YEAR = 2026
TEAMS = 43
TEAM_SIZE = 5  # 43 × 5 = 215 finalists
CITY_EVENTS = (
    "茶艺",
    "美容",
    "美发",
    "育婴",
    "西式面点",
    "中式烹调",
    "电工",
    "焊工",
    "汽车维修",
    "网约配送",
    "快递",
    "家政服务",
    "养老护理",
    "插花",
)
EMPLOYEES_PER_EVENT = 35
STUDENTS_PER_EVENT = 10  # 14 × 45 = 630 contestants
SCHOOLS = ("杭州职业技术学院", "浙江旅游职业学院", "杭州技师学院", "浙江经济职业技术学院")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华红"
NAMESPACE = uuid.UUID("6b1f0c1e-7d0a-4f59-9a51-3f3c8c2a9e10")


@dataclass(frozen=True)
class SnapshotOrg:
    """An organisation as membership would report it, made up for the demo."""

    id: uuid.UUID
    name: str
    path: str
    level: str

    @classmethod
    def root(cls, name: str) -> "SnapshotOrg":
        org_id = uuid.uuid5(NAMESPACE, name)
        return cls(org_id, name, org_id.hex, "provincial")

    def child(self, name: str, level: str = "grassroots") -> "SnapshotOrg":
        org_id = uuid.uuid5(NAMESPACE, f"{self.name}/{name}")
        return SnapshotOrg(org_id, name, f"{self.path}.{org_id.hex}", level)


# (display name, organisation, people, school) of one entry.
Team = tuple[str, SnapshotOrg | None, list[Participant], str | None]


def clinical_rubric() -> Rubric:
    return Rubric(
        criteria=[
            Criterion(
                code="theory",
                name="理论考核",
                kind=CriterionKind.JUDGED,
                max_mark=Decimal(100),
                weight=Decimal("0.3"),
            ),
            Criterion(
                code="skill",
                name="技能操作",
                kind=CriterionKind.JUDGED,
                max_mark=Decimal(100),
                weight=Decimal("0.5"),
            ),
            Criterion(
                code="teamwork",
                name="团队协作",
                kind=CriterionKind.JUDGED,
                max_mark=Decimal(100),
                weight=Decimal("0.2"),
            ),
            Criterion(
                code="time",
                name="用时（秒）",
                kind=CriterionKind.MEASURED,
                max_mark=Decimal(1800),
                weight=Decimal(0),
                higher_is_better=False,
            ),
        ],
        tie_breaks=["skill", "time"],
    )


def trade_rubric() -> Rubric:
    return Rubric(
        criteria=[
            Criterion(
                code="practice",
                name="实操",
                kind=CriterionKind.JUDGED,
                max_mark=Decimal(70),
                weight=Decimal(1),
            ),
            Criterion(
                code="theory",
                name="理论",
                kind=CriterionKind.JUDGED,
                max_mark=Decimal(30),
                weight=Decimal(1),
            ),
            Criterion(
                code="time",
                name="用时（秒）",
                kind=CriterionKind.MEASURED,
                max_mark=Decimal(3600),
                weight=Decimal(0),
                higher_is_better=False,
            ),
        ],
        tie_breaks=["practice", "time"],
    )


class DemoSeeder:
    def __init__(
        self, session: AsyncSession, hosts: tuple[SnapshotOrg, SnapshotOrg] | None = None
    ) -> None:
        self.session = session
        self.random = random.Random(20260428)  # the same demo on every machine
        self.serial = 0
        if hosts is None:
            province = SnapshotOrg.root(PROVINCE)
            hosts = province, province.child(CITY_FEDERATION, "city")
        self.province, self.city = hosts
        self.started = datetime.now(UTC) - timedelta(days=3)
        # The one organisation each seeded judge's account acts for.
        self.judge_paths: dict[uuid.UUID, str] = {}

    def name(self) -> str:
        return self.random.choice(SURNAMES) + "".join(
            self.random.choice(GIVEN) for _ in range(self.random.choice((1, 2)))
        )

    def member(self, org: SnapshotOrg, seq: int = 1) -> Participant:
        self.serial += 1
        return Participant(
            id=uuid.uuid4(),
            seq=seq,
            membership_no=f"GH9{self.serial:09d}",
            name=self.name(),
            employment_form="employee",
            org_id=org.id,
            org_name=org.name,
            org_path=org.path,
        )

    async def competition(
        self, name: str, level: CompetitionLevel, host: SnapshotOrg, organiser: SnapshotOrg
    ) -> Competition:
        # The seed writes past the service layer, not past the rule it enforces.
        if not level_within(level.value, host.level):
            raise ValueError(f"{host.name} ({host.level}) cannot host a {level.value} contest")
        competition = Competition(
            id=uuid.uuid4(),
            name=name,
            kind=CompetitionKind.VOCATIONAL_SKILLS,
            level=level,
            year=YEAR,
            status=CompetitionStatus.RUNNING,
            # No notice period, so the demo runs to finalisation in one sitting.
            notice_days=0,
            demo=True,
            created_by="seed",
            description="演示数据：参赛者为快照，不与会员系统同步；公示期为0天。",
        )
        self.session.add(competition)
        await self.session.flush()
        for org, role in ((host, OrgRole.HOST), (organiser, OrgRole.ORGANISER)):
            self.session.add(
                CompetitionOrg(
                    competition_id=competition.id,
                    org_id=org.id,
                    role=role,
                    org_name=org.name,
                    org_path=org.path,
                )
            )
        await self.session.flush()
        return competition

    async def event(
        self, competition: Competition, name: str, rubric: Rubric, team: bool, judges_per_entry: int
    ) -> Event:
        event = Event(
            id=uuid.uuid4(),
            competition_id=competition.id,
            name=name,
            format=EventFormat.TEAM if team else EventFormat.INDIVIDUAL,
            team_size=TEAM_SIZE if team else None,
            vocational=True,
            criteria=[c.model_dump(mode="json") for c in rubric.criteria],
            tie_breaks=list(rubric.tie_breaks),
            aggregation=Aggregation.TRIMMED_MEAN,
            trim_min_judges=5,
            judges_per_entry=judges_per_entry,
            spread_threshold=Decimal(15),
            eligible_employment_forms=[],
            eligible_orgs=[],
        )
        self.session.add(event)
        await self.session.flush()
        return event

    async def group(
        self,
        event: Event,
        kind: GroupKind,
        name: str,
        prizes: list[PrizeRule],
        honours: list[HonourRule],
    ) -> EventGroup:
        group = EventGroup(
            id=uuid.uuid4(),
            event_id=event.id,
            kind=kind,
            name=name,
            prize_rules=[p.model_dump(mode="json") for p in prizes],
            honour_rules=[h.model_dump(mode="json") for h in honours],
        )
        self.session.add(group)
        await self.session.flush()
        return group

    async def judges(
        self, competition: Competition, count: int, org: SnapshotOrg, prefix: str
    ) -> list[Judge]:
        judges = [
            Judge(
                id=uuid.uuid4(),
                competition_id=competition.id,
                subject=f"demo-{prefix}-judge-{n + 1:02d}",
                username=f"demo-{prefix}-judge-{n + 1:02d}",
                name=f"{self.name()}（评委）",
                org_id=org.id,
                org_name=org.name,
            )
            for n in range(count)
        ]
        self.session.add_all(judges)
        await self.session.flush()
        self.session.add_all(
            JudgeOrg(judge_id=j.id, org_id=org.id, org_path=org.path) for j in judges
        )
        self.judge_paths.update((j.id, org.path) for j in judges)
        return judges

    async def entries(
        self,
        competition: Competition,
        event: Event,
        group: EventGroup,
        teams: list[Team],
    ) -> list[Entry]:
        entries = []
        for code, (display, org, _, school) in zip(new_codes(len(teams)), teams, strict=True):
            entry = Entry(
                id=uuid.uuid4(),
                competition_id=competition.id,
                event_id=event.id,
                group_id=group.id,
                format=event.format,
                code=code,
                status=EntryStatus.APPROVED,
                display_name=display,
                org_id=org.id if org else None,
                org_name=org.name if org else None,
                org_path=org.path if org else None,
                school=school,
                registered_by="seed",
                decided_by="seed",
                decided_at=self.started,
            )
            entries.append(entry)
            self.session.add(entry)
        # No relationships tell the unit of work the order: entries before their people.
        await self.session.flush()
        for entry, (_, _, people, _) in zip(entries, teams, strict=True):
            for person in people:
                person.entry_id, person.competition_id = entry.id, competition.id
                person.event_id, person.year = event.id, competition.year
                person.state = EntryStatus.APPROVED
                self.session.add(person)
        return entries

    def scored_stage(
        self, stage: Stage, event: Event, entries: list[Entry], judges: list[Judge], rubric: Rubric
    ) -> None:
        """Entries compete, judges are assigned (no one from their own sub-tree), every
        sheet is submitted: scoring finished, ranking is the organisers' next step."""
        for judge in judges:
            self.session.add(PanelSeat(stage_id=stage.id, judge_id=judge.id))
        for entry in entries:
            self.session.add(
                StageEntry(
                    stage_id=stage.id,
                    entry_id=entry.id,
                    group_id=entry.group_id,
                    entry_code=entry.code,
                    attendance=Attendance.COMPETING,
                )
            )
        judge_paths = self.judge_paths
        entry_paths = {e.id: e.org_path for e in entries}
        plan = assign(
            [e.id for e in entries],
            [j.id for j in judges],
            event.judges_per_entry,
            lambda judge, entry: org_conflict(judge_paths[judge], entry_paths[entry]),
            {},
        )
        strength = {e.id: self.random.uniform(62, 95) for e in entries}
        for entry_id, judge_id in plan.new:
            self.session.add(Assignment(stage_id=stage.id, entry_id=entry_id, judge_id=judge_id))
            marks = {}
            for criterion in rubric.criteria:
                if criterion.kind is CriterionKind.MEASURED:
                    value = Decimal(self.random.randint(600, int(criterion.max_mark)))
                else:
                    share = strength[entry_id] + self.random.uniform(-6, 6)
                    value = (criterion.max_mark * Decimal(str(min(share, 100.0))) / 100).quantize(
                        Decimal("0.1")
                    )
                marks[criterion.code] = value
            self.session.add(
                ScoreSheet(
                    id=uuid.uuid4(),
                    stage_id=stage.id,
                    entry_id=entry_id,
                    judge_id=judge_id,
                    marks={k: format(v, "f") for k, v in marks.items()},
                    total=total(rubric, marks),
                    status=SheetStatus.SUBMITTED,
                    submitted_at=self.started,
                    updated_at=self.started,
                )
            )
        stage.status, stage.started_at = StageStatus.SCORING, self.started

    async def obstetrics(self) -> None:
        medical = self.province.child("浙江省医务工会")
        competition = await self.competition(
            OBSTETRICS, CompetitionLevel.PROVINCIAL, self.province, medical
        )
        rubric = clinical_rubric()
        event = await self.event(
            competition, "产科临床技能（团体）", rubric, team=True, judges_per_entry=7
        )
        honours = [HonourRule(honour=h.honour) for h in default_honours(True, True, False)]
        # The report: the winning team is put forward for the provincial May Day Labour Medal.
        honours.append(HonourRule(honour=HonourKind.MAY_DAY_LABOUR_MEDAL))
        group = await self.group(
            event,
            GroupKind.EMPLOYEE,
            "职工组",
            [
                PrizeRule(prize=Prize.FIRST, min_rank=1, max_rank=1),
                PrizeRule(prize=Prize.SECOND, min_rank=2, max_rank=4),
                PrizeRule(prize=Prize.THIRD, min_rank=5, max_rank=10),
                PrizeRule(prize=Prize.EXCELLENCE, min_rank=11, max_rank=20),
            ],
            honours,
        )
        final = Stage(
            id=uuid.uuid4(),
            event_id=event.id,
            kind=StageKind.FINAL,
            seq=1,
            status=StageStatus.PLANNED,
        )
        self.session.add(final)
        cities = (
            "杭州",
            "宁波",
            "温州",
            "嘉兴",
            "湖州",
            "绍兴",
            "金华",
            "衢州",
            "舟山",
            "台州",
            "丽水",
        )
        teams: list[Team] = []
        for n in range(TEAMS):
            city = cities[n % len(cities)]
            hospital = medical.child(f"{city}市第{n // len(cities) + 1}人民医院工会")
            people = [self.member(hospital, seq) for seq in range(1, TEAM_SIZE + 1)]
            teams.append(
                (f"{city}市第{n // len(cities) + 1}人民医院代表队", hospital, people, None)
            )
        entries = await self.entries(competition, event, group, teams)
        judges = await self.judges(
            competition, 9, self.province.child("浙江省卫生健康委员会"), "ob"
        )
        await self.session.flush()
        self.scored_stage(final, event, entries, judges, rubric)

    async def city_contest(self) -> None:
        organiser = self.city.child("杭州市职业技能竞赛指导中心")
        competition = await self.competition(CITY, CompetitionLevel.CITY, self.city, organiser)
        rubric = trade_rubric()
        counties = ("上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区")
        for n, name in enumerate(CITY_EVENTS):
            event = await self.event(competition, name, rubric, team=False, judges_per_entry=5)
            employees = await self.group(
                event,
                GroupKind.EMPLOYEE,
                "职工组",
                [
                    PrizeRule(prize=Prize.FIRST, min_rank=1, max_rank=1),
                    PrizeRule(prize=Prize.SECOND, min_rank=2, max_rank=3),
                    PrizeRule(prize=Prize.THIRD, min_rank=4, max_rank=6),
                ],
                default_honours(False, True, False),
            )
            students = await self.group(
                event,
                GroupKind.STUDENT,
                "学生组",
                [
                    PrizeRule(prize=Prize.FIRST, min_rank=1, max_rank=1),
                    PrizeRule(prize=Prize.SECOND, min_rank=2, max_rank=2),
                    PrizeRule(prize=Prize.THIRD, min_rank=3, max_rank=3),
                ],
                [],
            )
            preliminary = Stage(
                id=uuid.uuid4(),
                event_id=event.id,
                kind=StageKind.PRELIMINARY,
                seq=1,
                status=StageStatus.PLANNED,
            )
            final = Stage(
                id=uuid.uuid4(),
                event_id=event.id,
                kind=StageKind.FINAL,
                seq=2,
                status=StageStatus.PLANNED,
            )
            self.session.add_all([preliminary, final])
            await self.session.flush()
            self.session.add_all(
                [
                    AdvancementRule(
                        stage_id=preliminary.id,
                        group_id=employees.id,
                        kind=AdvancementKind.TOP_N,
                        value=Decimal(10),
                    ),
                    AdvancementRule(
                        stage_id=preliminary.id,
                        group_id=students.id,
                        kind=AdvancementKind.TOP_PERCENT,
                        value=Decimal(50),
                    ),
                ]
            )
            workers: list[Team] = []
            for k in range(EMPLOYEES_PER_EVENT):
                county = self.city.child(f"{counties[k % len(counties)]}总工会", "county")
                union = county.child(f"{name}行业第{k // len(counties) + 1}工会")
                person = self.member(union)
                workers.append((person.name, union, [person], None))
            pupils: list[Team] = []
            for k in range(STUDENTS_PER_EVENT):
                school = SCHOOLS[(n + k) % len(SCHOOLS)]
                person = Participant(id=uuid.uuid4(), seq=1, name=self.name(), school=school)
                pupils.append((person.name, None, [person], school))
            entries = await self.entries(competition, event, employees, workers)
            entries += await self.entries(competition, event, students, pupils)
            judges = await self.judges(competition, 6, organiser, f"city-{n + 1:02d}")
            await self.session.flush()
            self.scored_stage(preliminary, event, entries, judges, rubric)

    async def run(self) -> None:
        await self.obstetrics()
        await self.city_contest()
        await self.session.flush()


async def membership_hosts(
    membership: MembershipClient,
) -> tuple[SnapshotOrg, SnapshotOrg] | None:
    """Membership's demo province and Hangzhou, or None when membership does not have them
    or does not answer."""
    try:
        province = next(o for o in await membership.roots() if o.name == PROVINCE)
        city = next(o for o in await membership.children(province.id) if o.name == CITY_FEDERATION)
    except (StopIteration, MembershipUnavailableError):
        return None
    return (
        SnapshotOrg(province.id, province.name, province.path, province.level),
        SnapshotOrg(city.id, city.name, city.path, city.level),
    )


async def seed(
    settings: CompetitionSettings, transport: httpx.AsyncBaseTransport | None = None
) -> tuple[bool, bool]:
    """Seed unless the demo contests exist: (seeded, hosted under membership's tree)."""
    engine = create_engine(settings)
    membership = create_membership_client(
        settings.membership_url,
        settings.membership_client_id,
        settings.membership_client_secret.get_secret_value(),
        transport=transport,
    )
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            exists = await session.scalar(
                select(Competition.id).where(Competition.name == OBSTETRICS)
            )
            if exists is not None:
                return False, False
            hosts = await membership_hosts(membership)
            await DemoSeeder(session, hosts).run()
            return True, hosts is not None
    finally:
        await membership.aclose()
        await engine.dispose()


def main() -> None:
    settings = CompetitionSettings()
    if settings.environment is Environment.PRODUCTION:
        sys.exit("demo data is for development; refusing to seed a production database")
    created, hosted = asyncio.run(seed(settings))
    print("competition demo data", "seeded" if created else "present (not seeded again)")
    if created:
        print(
            "  hosted by membership's 浙江省总工会 and 杭州市总工会: zj.cadre and hz.cadre run them"
            if hosted
            else "  membership did not answer: hosted by snapshot organisations, run them as admin"
        )
    print(f"  {OBSTETRICS}: {TEAMS} teams, {TEAMS * TEAM_SIZE} finalists, scoring finished")
    print(
        f"  {CITY}: {len(CITY_EVENTS)} events, "
        f"{len(CITY_EVENTS) * (EMPLOYEES_PER_EVENT + STUDENTS_PER_EVENT)} contestants,"
        " preliminaries scored"
    )
    print("  next: rank, publish, close, finalise (a demo: no honours are sent)")


if __name__ == "__main__":
    main()
