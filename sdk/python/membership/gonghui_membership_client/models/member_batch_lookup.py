from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MemberBatchLookup")


@_attrs_define
class MemberBatchLookup:
    """
    Attributes:
        membership_nos (list[str]):
    """

    membership_nos: list[str]

    def to_dict(self) -> dict[str, Any]:
        membership_nos = self.membership_nos

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "membership_nos": membership_nos,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        membership_nos = cast(list[str], d.pop("membership_nos"))

        member_batch_lookup = cls(
            membership_nos=membership_nos,
        )

        return member_batch_lookup
