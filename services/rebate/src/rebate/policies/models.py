import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Integer, LargeBinary, Numeric, String, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base, str_enum, uuid_pk


class Destination(enum.StrEnum):
    UNION_ACCOUNT = "union_account"  # the enterprise union's own account
    PAYER_ACCOUNT = "payer_account"  # the account the fee was paid from
    COUNTY_POOL = "county_pool"  # the county federation's pooled account
    # The account an enterprise named in its application: first, before the policy's own.
    APPLICANT_ACCOUNT = "applicant_account"


class PolicyMode(enum.StrEnum):
    AUTOMATIC = "automatic"  # 免申即享: no application
    APPLICATION = "application"


class Policy(Base):
    """A refund policy as data. A change is a new version; decisions name the version used."""

    __tablename__ = "policy"
    __table_args__ = (UniqueConstraint("policy_key", "version"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    policy_key: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    # GB/T 2260 prefixes: "35" is a province, "3501" a city, "350102" a county.
    region_prefixes: Mapped[list[str]] = mapped_column(ARRAY(String(6)))
    period_from: Mapped[str] = mapped_column(String(7))
    period_to: Mapped[str] = mapped_column(String(7))
    size_classes: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    excluded_usccs: Mapped[list[str]] = mapped_column(ARRAY(String(18)))
    refund_ratio: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    destinations: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    # 1: one review; 2: a review, then approval by another person (maker-checker).
    review_steps: Mapped[int] = mapped_column(Integer)
    mode: Mapped[PolicyMode] = mapped_column(str_enum(PolicyMode))
    # The county federation's pooled account, last in the destination order.
    county_pool_bank: Mapped[str | None] = mapped_column(String(100))
    county_pool_account_name: Mapped[str | None] = mapped_column(String(200))
    county_pool_account_no_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Which bank pays: [{"region_prefix": "3301", "bank_partner_id": "..."}], the longest
    # matching prefix wins; a case no rule covers goes to the longest-registered active bank.
    bank_rules: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list)
    # Whose queue holds the records no register entry places (an unmatched credit code names
    # no federation): [{"region_prefix": "350102", "org_id": "...", "org_path": "..."}], the
    # federation of that region as membership answered when the version was saved; the
    # longest matching prefix wins; a record no rule covers is queued for admins alone.
    queue_offices: Mapped[list[dict[str, str]]] = mapped_column(JSONB, default=list)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def office_for(self, region_code: str) -> str | None:
        """The org path of the federation owning the queue entries of a record of this region
        that names no federation itself, or None (admins alone)."""
        rules = [o for o in self.queue_offices if region_code.startswith(o["region_prefix"])]
        if not rules:
            return None
        return max(rules, key=lambda o: len(o["region_prefix"]))["org_path"]
