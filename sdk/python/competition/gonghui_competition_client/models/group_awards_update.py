from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.honour_rule import HonourRule
    from ..models.prize_rule import PrizeRule


T = TypeVar("T", bound="GroupAwardsUpdate")


@_attrs_define
class GroupAwardsUpdate:
    """
    Attributes:
        prizes (list[PrizeRule]):
        honours (list[HonourRule] | Unset):
    """

    prizes: list[PrizeRule]
    honours: list[HonourRule] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        prizes = []
        for prizes_item_data in self.prizes:
            prizes_item = prizes_item_data.to_dict()
            prizes.append(prizes_item)

        honours: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.honours, Unset):
            honours = []
            for honours_item_data in self.honours:
                honours_item = honours_item_data.to_dict()
                honours.append(honours_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "prizes": prizes,
            }
        )
        if honours is not UNSET:
            field_dict["honours"] = honours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.honour_rule import HonourRule  # noqa: PLC0415
        from ..models.prize_rule import PrizeRule  # noqa: PLC0415

        d = dict(src_dict)
        prizes = []
        _prizes = d.pop("prizes")
        for prizes_item_data in _prizes:
            prizes_item = PrizeRule.from_dict(prizes_item_data)

            prizes.append(prizes_item)

        _honours = d.pop("honours", UNSET)
        honours: list[HonourRule] | Unset = UNSET
        if _honours is not UNSET:
            honours = []
            for honours_item_data in _honours:
                honours_item = HonourRule.from_dict(honours_item_data)

                honours.append(honours_item)

        group_awards_update = cls(
            prizes=prizes,
            honours=honours,
        )

        return group_awards_update
