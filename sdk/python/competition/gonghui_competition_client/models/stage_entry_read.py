from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attendance import Attendance

T = TypeVar("T", bound="StageEntryRead")


@_attrs_define
class StageEntryRead:
    """
    Attributes:
        entry_id (UUID):
        entry_code (str):
        attendance (Attendance):
    """

    entry_id: UUID
    entry_code: str
    attendance: Attendance
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entry_id = str(self.entry_id)

        entry_code = self.entry_code

        attendance = self.attendance.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entry_id": entry_id,
                "entry_code": entry_code,
                "attendance": attendance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entry_id = UUID(d.pop("entry_id"))

        entry_code = d.pop("entry_code")

        attendance = Attendance(d.pop("attendance"))

        stage_entry_read = cls(
            entry_id=entry_id,
            entry_code=entry_code,
            attendance=attendance,
        )

        stage_entry_read.additional_properties = d
        return stage_entry_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
