from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="MemberBatchCreate")


@_attrs_define
class MemberBatchCreate:
    """A delegation or the organisers enter many members at once.

    Attributes:
        group_id (UUID):
        membership_nos (list[str]):
    """

    group_id: UUID
    membership_nos: list[str]

    def to_dict(self) -> dict[str, Any]:
        group_id = str(self.group_id)

        membership_nos = self.membership_nos

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "group_id": group_id,
                "membership_nos": membership_nos,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group_id = UUID(d.pop("group_id"))

        membership_nos = cast(list[str], d.pop("membership_nos"))

        member_batch_create = cls(
            group_id=group_id,
            membership_nos=membership_nos,
        )

        return member_batch_create
