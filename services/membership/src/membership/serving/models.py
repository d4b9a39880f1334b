import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base, Timestamped, str_enum, uuid_pk


class ServiceKind(enum.StrEnum):
    LEGAL_AID = "legal_aid"  # 法律援助
    GIFT = "gift"  # 慰问品: raincoats, gloves ...
    HEALTH_CHECK = "health_check"  # 健康体检
    TRAINING = "training"  # 技能培训
    OTHER = "other"


class ServiceRecord(Timestamped, Base):
    """A service a union gave a worker: "serve first, then join" (先服务后入会) starts here.
    Counted in the statistics of the organisation that gave it, and of its ancestors."""

    __tablename__ = "service_record"

    id: Mapped[uuid.UUID] = uuid_pk()
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("person.id"), index=True)
    kind: Mapped[ServiceKind] = mapped_column(str_enum(ServiceKind))
    org_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("org.id"), index=True)
    served_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))
    recorded_by: Mapped[str] = mapped_column(String(100))
