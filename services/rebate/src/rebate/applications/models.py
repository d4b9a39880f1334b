import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, LargeBinary, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from rebate.db import Base, uuid_pk

# The encryption contexts of an application's personal data, bound to the application's id.
CONTACT_PHONE_FIELD = "application.contact_phone"
ACCOUNT_NO_FIELD = "application.account_no"


def contact_phone_field(application_id: uuid.UUID) -> str:
    return f"{CONTACT_PHONE_FIELD}:{application_id}"


def account_no_field(application_id: uuid.UUID) -> str:
    return f"{ACCOUNT_NO_FIELD}:{application_id}"


class Application(Base):
    """An enterprise's application for the refund of one period under an application policy.
    It becomes a case at once; its state is that case's status."""

    __tablename__ = "application"
    __table_args__ = (Index("ix_application_uscc_period", "uscc", "period"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    uscc: Mapped[str] = mapped_column(String(18))
    period: Mapped[str] = mapped_column(String(7))
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("rebate_case.id"), unique=True)
    policy_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("policy.id"))
    contact_name: Mapped[str] = mapped_column(String(100))
    contact_phone_enc: Mapped[bytes] = mapped_column(LargeBinary)
    contact_phone_masked: Mapped[str] = mapped_column(String(20))
    # The account the enterprise asked to be paid to, first of the destinations (optional).
    bank: Mapped[str | None] = mapped_column(String(100))
    account_name: Mapped[str | None] = mapped_column(String(200))
    account_no_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    account_no_masked: Mapped[str | None] = mapped_column(String(40))
    applied_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
