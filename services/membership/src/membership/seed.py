"""Demo data for `make run`: a province, its cities, a county shaped like the one in the
Workers' Daily report (679 union organisations, 22,353 members, 453 of them new-form workers in
3 new-form unions covering 19 enterprises), a city food-delivery riders' federation with 2,315
riders, enterprises, and a signed-in account at every level. Seeds once; later runs only print
the logins. Development only.

    python -m membership.seed
"""

import asyncio
import os
import secrets
import sys
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from membership import models as _models  # noqa: F401  (every table, for foreign keys)
from membership.access import Access
from membership.enterprises.models import SizeClass
from membership.enterprises.repository import EnterpriseRepository
from membership.enterprises.schemas import EnterpriseCreate, UnionBankAccountIn
from membership.enterprises.service import EnterpriseService
from membership.enterprises.uscc import check_character
from membership.events.service import OrgEvents
from membership.identity.models import Account
from membership.identity.passwords import hash_secret
from membership.imports.bulk import BulkEnrolment, CandidateRow
from membership.members.models import Member
from membership.orgs.models import Org, OrgKind, OrgLevel
from membership.orgs.repository import OrgRepository
from membership.orgs.schemas import OrgCreate
from membership.orgs.service import OrgService
from membership.people.id_numbers import check_digit
from membership.people.models import EmploymentForm
from membership.people.schemas import PersonIn
from membership.people.service import person_values
from membership.settings import MembershipSettings
from servicekit.auth import Principal, Role
from servicekit.db import create_engine, create_sessionmaker
from servicekit.pii import PiiCipher
from servicekit.settings import Environment

PROVINCE = "浙江省总工会"
COUNTY = "杭州市余杭区总工会"
COUNTY_REGION = "330110"
COUNTY_MEMBERS = 22_353
NEW_FORM_MEMBERS = 453
STREETS = 12
GRASSROOTS = 600
GROUPS = 66  # 1 county + 12 streets + 600 grassroots + 66 groups = 679 organisations
NEW_FORM_UNIONS = (
    ("余杭区快递行业工会", EmploymentForm.COURIER, 7),
    ("余杭区外卖骑手工会", EmploymentForm.DELIVERY_RIDER, 6),
    ("余杭区货车司机工会", EmploymentForm.TRUCK_DRIVER, 6),
)  # 151 members each = 453; 7 + 6 + 6 = 19 enterprises covered
RIDER_STATIONS = 5
RIDERS = 2_315
CADRE_PERMISSIONS = [
    "manage_orgs",
    "manage_enterprises",
    "manage_members",
    "review_joins",
    "grant_honours",
    "review_rebates",
    "run_competitions",
]
SYSTEM = Principal(subject="seed", roles=frozenset({Role.ADMIN}))


def demo_id_number(serial: int, region: str) -> str:
    """Unique, well-formed ID numbers: a birth date per thousand people, a sequence within."""
    born = datetime(1975, 1, 1) + timedelta(days=serial // 1000)
    first17 = f"{region}{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + check_digit(first17)


def demo_phone(serial: int) -> str:
    return f"13{serial % 10}{serial:08d}"[:11]


def demo_uscc(serial: int, region: str) -> str:
    body = f"91{region}MA{serial:07d}"
    return body + check_character(body)


class Seeder:
    def __init__(self, session: AsyncSession, pii: PiiCipher, password_hash: str) -> None:
        self.session = session
        self.pii = pii
        self.password_hash = password_hash
        self.access = Access(SYSTEM, OrgRepository(session))
        # The seed builds a new tree: nothing moves or closes, no subscriber to tell.
        self.orgs = OrgService(self.access.orgs, self.access, OrgEvents(session, []))
        self.enterprises = EnterpriseService(EnterpriseRepository(session), self.access, pii)
        self.serial = 0

    async def org(
        self,
        name: str,
        kind: OrgKind,
        level: OrgLevel,
        region: str,
        parent: Org | None,
        new_form: bool = False,
    ) -> Org:
        return await self.orgs.create(
            OrgCreate(
                name=name,
                kind=kind,
                level=level,
                region_code=region,
                parent_id=parent.id if parent else None,
                new_form=new_form,
            )
        )

    async def members(
        self, org: Org, count: int, form: EmploymentForm, region: str, months_ago: int
    ) -> None:
        rows = []
        for _ in range(count):
            self.serial += 1
            person_in = PersonIn(
                name=f"会员{self.serial:05d}",
                id_number=demo_id_number(self.serial, region),
                phone=demo_phone(self.serial),
                employment_form=form,
            )
            rows.append(CandidateRow(self.serial, person_values(person_in, self.pii)))
        joined = datetime.now(UTC) - timedelta(days=30 * months_ago)
        await BulkEnrolment(self.session, org, "seed", joined_at=joined).apply(rows)

    async def enterprise(
        self,
        name: str,
        region: str,
        size: SizeClass,
        federation: Org,
        union: Org | None,
        serial: int,
    ) -> str:
        account = None
        if union is not None and serial % 3 != 0:
            account = UnionBankAccountIn(
                bank_name="中国工商银行杭州余杭支行",
                account_name=f"{name}工会委员会",
                account_no=f"62220212{serial:011d}",
            )
        enterprise = await self.enterprises.create(
            EnterpriseCreate(
                uscc=demo_uscc(serial, region),
                name=name,
                region_code=region,
                size_class=size,
                affiliated_org_id=federation.id,
                union_org_id=union.id if union else None,
                union_bank_account=account,
            )
        )
        return enterprise.uscc

    def account(
        self, who: str, username: str, roles: list[str], org: Org | None = None, **extra: object
    ) -> None:
        self.session.add(
            Account(
                id=uuid.uuid4(),
                username=username,
                password_hash=self.password_hash,
                display_name=who,
                roles=roles,
                org_scope=[str(org.id)] if org else [],
                permissions=CADRE_PERMISSIONS if Role.CADRE in roles else [],
                **extra,
            )
        )

    async def run(self) -> None:
        province = await self.org(PROVINCE, OrgKind.FEDERATION, OrgLevel.PROVINCIAL, "330000", None)
        hangzhou = await self.org(
            "杭州市总工会", OrgKind.FEDERATION, OrgLevel.CITY, "330100", province
        )
        ningbo = await self.org(
            "宁波市总工会", OrgKind.FEDERATION, OrgLevel.CITY, "330200", province
        )
        await self.org("温州市总工会", OrgKind.FEDERATION, OrgLevel.CITY, "330300", province)
        gongshu = await self.org(
            "杭州市拱墅区总工会", OrgKind.FEDERATION, OrgLevel.COUNTY, "330105", hangzhou
        )
        await self.org("宁波市鄞州区总工会", OrgKind.FEDERATION, OrgLevel.COUNTY, "330212", ningbo)
        county = await self.org(
            COUNTY, OrgKind.FEDERATION, OrgLevel.COUNTY, COUNTY_REGION, hangzhou
        )

        streets = [
            await self.org(
                f"余杭区第{n + 1}街道工会",
                OrgKind.FEDERATION,
                OrgLevel.STREET,
                COUNTY_REGION,
                county,
            )
            for n in range(STREETS)
        ]
        new_form_unions = [
            await self.org(
                name,
                OrgKind.GRASSROOTS,
                OrgLevel.GRASSROOTS,
                COUNTY_REGION,
                streets[0],
                new_form=True,
            )
            for name, _, _ in NEW_FORM_UNIONS
        ]
        unions = [
            await self.org(
                f"余杭区第{n + 1}号企业工会",
                OrgKind.GRASSROOTS,
                OrgLevel.GRASSROOTS,
                COUNTY_REGION,
                streets[n % STREETS],
            )
            for n in range(GRASSROOTS - len(new_form_unions))
        ]
        for n in range(GROUPS):
            await self.org(
                f"工会小组{n + 1}", OrgKind.GROUP, OrgLevel.GROUP, COUNTY_REGION, unions[n]
            )

        per_union, extra = divmod(NEW_FORM_MEMBERS, len(new_form_unions))
        for union, (_, form, _) in zip(new_form_unions, NEW_FORM_UNIONS, strict=True):
            await self.members(union, per_union + (1 if extra else 0), form, COUNTY_REGION, 1)
            extra = max(extra - 1, 0)
        employees = COUNTY_MEMBERS - NEW_FORM_MEMBERS
        per_union, extra = divmod(employees, len(unions))
        for n, union in enumerate(unions):
            count = per_union + (1 if n < extra else 0)
            await self.members(union, count, EmploymentForm.EMPLOYEE, COUNTY_REGION, n % 12)

        serial = 0
        for union, (name, _, covered) in zip(new_form_unions, NEW_FORM_UNIONS, strict=True):
            for n in range(covered):
                serial += 1
                await self.enterprise(
                    f"{name[3:-4]}服务站{n + 1}",
                    COUNTY_REGION,
                    SizeClass.MICRO,
                    county,
                    union,
                    serial,
                )
        enterprise_usccs = []
        for n, union in enumerate(unions[:40]):
            serial += 1
            size = (SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM)[n % 3]
            enterprise_usccs.append(
                await self.enterprise(
                    f"余杭区第{n + 1}号企业", COUNTY_REGION, size, county, union, serial
                )
            )
        for n in range(10):
            serial += 1
            await self.enterprise(
                f"余杭小微商户{n + 1}", COUNTY_REGION, SizeClass.MICRO, county, None, serial
            )

        riders_federation = await self.org(
            "杭州市外卖配送行业联合会",
            OrgKind.INDUSTRY_FEDERATION,
            OrgLevel.CITY,
            "330100",
            hangzhou,
            new_form=True,
        )
        per_station = RIDERS // RIDER_STATIONS
        stations = []
        for n in range(RIDER_STATIONS):
            station = await self.org(
                f"外卖配送站点工会{n + 1}",
                OrgKind.GRASSROOTS,
                OrgLevel.GRASSROOTS,
                "330100",
                riders_federation,
                new_form=True,
            )
            await self.members(station, per_station, EmploymentForm.DELIVERY_RIDER, "330100", n)
            stations.append(station)

        self.account("浙江省总工会 干部", "zj.cadre", [Role.CADRE], province)
        self.account("杭州市总工会 干部", "hz.cadre", [Role.CADRE], hangzhou)
        self.account("余杭区总工会 干部", "yh.cadre", [Role.CADRE], county)
        self.account("拱墅区总工会 干部", "gs.cadre", [Role.CADRE], gongshu)
        self.account("余杭区第1街道工会 干部", "yh1.cadre", [Role.CADRE], streets[0])
        self.account("余杭区第1号企业工会 干部", "union1.cadre", [Role.CADRE], unions[0])
        self.account("外卖配送行业联合会 干部", "riders.cadre", [Role.CADRE], riders_federation)
        self.account(
            "余杭区第1号企业", "ent1", [Role.ENTERPRISE], enterprise_scope=enterprise_usccs[0]
        )
        rider = await self.session.scalar(
            select(Member).where(Member.org_id == stations[0].id).order_by(Member.membership_no)
        )
        assert rider is not None
        self.account("外卖骑手", "rider1", [Role.MEMBER], person_id=rider.person_id)
        await self.session.flush()
        # Planner statistics for what was just written: without them a query later in this
        # transaction (before autovacuum could look) plans for empty tables and nests loops
        # over tens of thousands of members, for minutes.
        await self.session.execute(text(f"ANALYZE {', '.join(SEEDED_TABLES)}"))


SEEDED_TABLES = (
    "membership.org",
    "membership.enterprise",
    "membership.person",
    "membership.member",
    "membership.affiliation",
    "membership.org_subtree_tally",
    "membership.org_subtree_monthly_joins",
)


async def seed(settings: MembershipSettings, password: str) -> bool:
    """Seed unless the demo province exists; True when it seeded."""
    engine = create_engine(settings)
    pii = PiiCipher.from_settings(
        settings.pii_key.get_secret_value(), settings.pii_index_key.get_secret_value()
    )
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            exists = await session.scalar(select(Org.id).where(Org.name == PROVINCE))
            if exists is not None:
                return False
            await Seeder(session, pii, await hash_secret(password)).run()
            return True
    finally:
        await engine.dispose()


# Every seeded member but rider1 has no account yet; this one is the walkthrough's (README:
# activate with the ID number and the phone on record, then sign in).
UNACTIVATED_MEMBER = (demo_id_number(1, COUNTY_REGION), demo_phone(1))

LOGINS = [
    ("province cadre", "zj.cadre"),
    ("city cadre (Hangzhou)", "hz.cadre"),
    ("county cadre (Yuhang, 679 orgs)", "yh.cadre"),
    ("county cadre (Gongshu)", "gs.cadre"),
    ("street cadre", "yh1.cadre"),
    ("grassroots union cadre", "union1.cadre"),
    ("riders' federation cadre", "riders.cadre"),
    ("enterprise account", "ent1"),
    ("member account (a delivery rider)", "rider1"),
]


def main() -> None:
    settings = MembershipSettings()
    if settings.environment is Environment.PRODUCTION:
        sys.exit("demo data is for development; refusing to seed a production database")
    given = os.environ.get("MEMBERSHIP_DEMO_PASSWORD")
    password = given or secrets.token_urlsafe(12)
    created = asyncio.run(seed(settings, password))
    print("membership demo data", "seeded" if created else "present (not seeded again)")
    shown = password if (given or created) else "<the password printed when it was seeded>"
    for who, username in LOGINS:
        print(f"  {who:<34} {username} / {shown}")
    id_number, phone = UNACTIVATED_MEMBER
    print(f"  {'member without an account yet':<34} ID number {id_number}, phone {phone}")


if __name__ == "__main__":
    main()
