import enum
import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base, Ltree, Timestamped, str_enum, uuid_pk


class OrgKind(enum.StrEnum):
    FEDERATION = "federation"  # 总工会 at a regional level
    GRASSROOTS = "grassroots"  # 基层工会
    GROUP = "group"  # 工会小组
    INDUSTRY_UNION = "industry_union"  # 产业工会
    INDUSTRY_FEDERATION = "industry_federation"  # 行业工会联合会


class OrgLevel(enum.StrEnum):
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    CITY = "city"
    COUNTY = "county"
    STREET = "street"
    GRASSROOTS = "grassroots"
    GROUP = "group"


LEVEL_RANK = {level: rank for rank, level in enumerate(OrgLevel)}


class OrgStatus(enum.StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class Org(Timestamped, Base):
    __tablename__ = "org"
    __table_args__ = (Index("ix_org_path_gist", "path", postgresql_using="gist"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    parent_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    # Materialised path of ids (hex) from the root: sub-tree queries are one index scan.
    path: Mapped[str] = mapped_column(Ltree, unique=True)
    kind: Mapped[OrgKind] = mapped_column(str_enum(OrgKind))
    level: Mapped[OrgLevel] = mapped_column(str_enum(OrgLevel))
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(6))
    # A union set up for new-form workers (riders, couriers, drivers ...).
    new_form: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[OrgStatus] = mapped_column(str_enum(OrgStatus), default=OrgStatus.ACTIVE)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def depth(self) -> int:
        return self.path.count(".") + 1


def path_label(org_id: uuid.UUID) -> str:
    return org_id.hex


class OrgMonthlyJoins(Base):
    """People who joined in each month, at the organisation they joined (a later transfer
    does not move the join); `rollups` sums it over sub-trees."""

    __tablename__ = "org_monthly_joins"

    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    joins: Mapped[int] = mapped_column(default=0)
