import uuid

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base


class OrgSubtreeTally(Base):
    """Counts of an organisation's whole sub-tree, itself included, kept in the transaction of
    every change that moves one of them: statistics at any level are one primary-key read."""

    __tablename__ = "org_subtree_tally"

    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), primary_key=True)
    organisations: Mapped[int] = mapped_column(default=0)  # open ones
    new_form_unions: Mapped[int] = mapped_column(default=0)  # open ones
    members: Mapped[int] = mapped_column(default=0)
    new_form_members: Mapped[int] = mapped_column(default=0)
    # Enterprises whose union (or, without one, federation) lies under a new-form union of
    # this sub-tree; each is counted at its deepest such union (its "anchor"), see service.py.
    new_form_enterprises: Mapped[int] = mapped_column(default=0)
    # Services given to workers (legal aid, gifts ...) by organisations of the sub-tree.
    services: Mapped[int] = mapped_column(default=0, server_default="0")


class OrgSubtreeMonthlyJoins(Base):
    """Joins per month of a whole sub-tree: `org_monthly_joins` summed over it."""

    __tablename__ = "org_subtree_monthly_joins"

    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    joins: Mapped[int] = mapped_column(default=0)
