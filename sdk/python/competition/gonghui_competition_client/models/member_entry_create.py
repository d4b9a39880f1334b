from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="MemberEntryCreate")


@_attrs_define
class MemberEntryCreate:
    """A union member enters an individual event (themselves, or through their delegation).

    Attributes:
        group_id (UUID):
        membership_no (str):
    """

    group_id: UUID
    membership_no: str

    def to_dict(self) -> dict[str, Any]:
        group_id = str(self.group_id)

        membership_no = self.membership_no

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "group_id": group_id,
                "membership_no": membership_no,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group_id = UUID(d.pop("group_id"))

        membership_no = d.pop("membership_no")

        member_entry_create = cls(
            group_id=group_id,
            membership_no=membership_no,
        )

        return member_entry_create
