import enum
import uuid

from sqlalchemy import ForeignKey, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from membership.db import Base, Timestamped, str_enum, uuid_pk


class EmploymentForm(enum.StrEnum):
    EMPLOYEE = "employee"
    DELIVERY_RIDER = "delivery_rider"
    COURIER = "courier"
    TRUCK_DRIVER = "truck_driver"
    RIDE_HAILING_DRIVER = "ride_hailing_driver"
    DOMESTIC_WORKER = "domestic_worker"
    OTHER_NEW_FORM = "other_new_form"

    @property
    def is_new_form(self) -> bool:
        return self is not EmploymentForm.EMPLOYEE


class Person(Timestamped, Base):
    """One record per person, found by the blind index of the resident ID number."""

    __tablename__ = "person"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(String(100))
    id_number_enc: Mapped[bytes] = mapped_column(LargeBinary)
    id_number_index: Mapped[bytes] = mapped_column(LargeBinary, unique=True)
    id_number_masked: Mapped[str] = mapped_column(String(18))
    phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_index: Mapped[bytes | None] = mapped_column(LargeBinary, index=True)
    phone_masked: Mapped[str | None] = mapped_column(String(20))
    employment_form: Mapped[EmploymentForm] = mapped_column(str_enum(EmploymentForm))
    employer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("enterprise.id"))
