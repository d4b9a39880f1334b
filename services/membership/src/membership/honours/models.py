import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base, Timestamped, str_enum, uuid_pk
from membership.orgs.models import LEVEL_RANK, OrgLevel


class HonourKind(enum.StrEnum):
    MAY_DAY_LABOUR_MEDAL = "may_day_labour_medal"  # 五一劳动奖章
    WORKER_PIONEER = "worker_pioneer"  # 工人先锋号 (a team title)
    TECHNICAL_EXPERT = "technical_expert"  # 技术能手
    MODEL_WORKER = "model_worker"  # 劳动模范
    CRAFTSMAN = "craftsman"  # 工匠


class HonourLevel(enum.StrEnum):
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    CITY = "city"
    COUNTY = "county"
    ENTERPRISE = "enterprise"


# The lowest organisation level that grants an honour of each level: an office grants at
# most at its own level (a county federation grants county and enterprise honours).
GRANTED_FROM: dict[HonourLevel, OrgLevel] = {
    HonourLevel.NATIONAL: OrgLevel.NATIONAL,
    HonourLevel.PROVINCIAL: OrgLevel.PROVINCIAL,
    HonourLevel.CITY: OrgLevel.CITY,
    HonourLevel.COUNTY: OrgLevel.COUNTY,
    HonourLevel.ENTERPRISE: OrgLevel.GRASSROOTS,
}


def may_grant(org_level: OrgLevel, honour_level: HonourLevel) -> bool:
    return LEVEL_RANK[org_level] <= LEVEL_RANK[GRANTED_FROM[honour_level]]


class Honour(Timestamped, Base):
    __tablename__ = "honour"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    kind: Mapped[HonourKind] = mapped_column(str_enum(HonourKind))
    level: Mapped[HonourLevel] = mapped_column(str_enum(HonourLevel))
    title: Mapped[str] = mapped_column(String(200))
    team_name: Mapped[str | None] = mapped_column(String(200))
    awarded_on: Mapped[date] = mapped_column(Date)
    granted_by: Mapped[str] = mapped_column(String(100))
    granting_org_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("org.id"))
    # The granting system's reference (e.g. competition award id): a replay changes nothing.
    source_ref: Mapped[str | None] = mapped_column(String(200), unique=True)
