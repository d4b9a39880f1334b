from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.prize import Prize

T = TypeVar("T", bound="PrizeRule")


@_attrs_define
class PrizeRule:
    """Ranks `min_rank`..`max_rank` of a group's final win `prize`; tied entries share it.

    Attributes:
        prize (Prize):
        min_rank (int):
        max_rank (int):
    """

    prize: Prize
    min_rank: int
    max_rank: int

    def to_dict(self) -> dict[str, Any]:
        prize = self.prize.value

        min_rank = self.min_rank

        max_rank = self.max_rank

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "prize": prize,
                "min_rank": min_rank,
                "max_rank": max_rank,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        prize = Prize(d.pop("prize"))

        min_rank = d.pop("min_rank")

        max_rank = d.pop("max_rank")

        prize_rule = cls(
            prize=prize,
            min_rank=min_rank,
            max_rank=max_rank,
        )

        return prize_rule
