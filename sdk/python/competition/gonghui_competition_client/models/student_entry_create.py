from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="StudentEntryCreate")


@_attrs_define
class StudentEntryCreate:
    """A student (not a union member) entered with their school.

    Attributes:
        group_id (UUID):
        name (str):
        school (str):
    """

    group_id: UUID
    name: str
    school: str

    def to_dict(self) -> dict[str, Any]:
        group_id = str(self.group_id)

        name = self.name

        school = self.school

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "group_id": group_id,
                "name": name,
                "school": school,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group_id = UUID(d.pop("group_id"))

        name = d.pop("name")

        school = d.pop("school")

        student_entry_create = cls(
            group_id=group_id,
            name=name,
            school=school,
        )

        return student_entry_create
