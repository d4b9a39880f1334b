from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.attendance import Attendance

T = TypeVar("T", bound="AttendanceIn")


@_attrs_define
class AttendanceIn:
    """
    Attributes:
        attendance (Attendance):
    """

    attendance: Attendance

    def to_dict(self) -> dict[str, Any]:
        attendance = self.attendance.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attendance": attendance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attendance = Attendance(d.pop("attendance"))

        attendance_in = cls(
            attendance=attendance,
        )

        return attendance_in
