from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.honour_kind import HonourKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="HonourRule")


@_attrs_define
class HonourRule:
    """Entries ranked 1..`max_rank` in the group's final are put forward for `honour`.

    Attributes:
        honour (HonourKind): The honours a competition leads to, as membership names them.
        max_rank (int | Unset):  Default: 1.
    """

    honour: HonourKind
    max_rank: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        honour = self.honour.value

        max_rank = self.max_rank

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "honour": honour,
            }
        )
        if max_rank is not UNSET:
            field_dict["max_rank"] = max_rank

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        honour = HonourKind(d.pop("honour"))

        max_rank = d.pop("max_rank", UNSET)

        honour_rule = cls(
            honour=honour,
            max_rank=max_rank,
        )

        return honour_rule
