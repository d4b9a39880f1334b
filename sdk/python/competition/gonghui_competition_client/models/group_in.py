from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.group_kind import GroupKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.honour_rule import HonourRule
    from ..models.prize_rule import PrizeRule


T = TypeVar("T", bound="GroupIn")


@_attrs_define
class GroupIn:
    """
    Attributes:
        kind (GroupKind):
        name (str):
        prizes (list[PrizeRule] | None | Unset): Omit for first 1, second 2-3, third 4-6
        honours (list[HonourRule] | None | Unset): Omit for the defaults: medal or Worker Pioneer, Technical Expert if
            vocational; none for students
    """

    kind: GroupKind
    name: str
    prizes: list[PrizeRule] | None | Unset = UNSET
    honours: list[HonourRule] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        prizes: list[dict[str, Any]] | None | Unset
        if isinstance(self.prizes, Unset):
            prizes = UNSET
        elif isinstance(self.prizes, list):
            prizes = []
            for prizes_type_0_item_data in self.prizes:
                prizes_type_0_item = prizes_type_0_item_data.to_dict()
                prizes.append(prizes_type_0_item)

        else:
            prizes = self.prizes

        honours: list[dict[str, Any]] | None | Unset
        if isinstance(self.honours, Unset):
            honours = UNSET
        elif isinstance(self.honours, list):
            honours = []
            for honours_type_0_item_data in self.honours:
                honours_type_0_item = honours_type_0_item_data.to_dict()
                honours.append(honours_type_0_item)

        else:
            honours = self.honours

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if prizes is not UNSET:
            field_dict["prizes"] = prizes
        if honours is not UNSET:
            field_dict["honours"] = honours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.honour_rule import HonourRule  # noqa: PLC0415
        from ..models.prize_rule import PrizeRule  # noqa: PLC0415

        d = dict(src_dict)
        kind = GroupKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_prizes(data: object) -> list[PrizeRule] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                prizes_type_0 = []
                _prizes_type_0 = data
                for prizes_type_0_item_data in _prizes_type_0:
                    prizes_type_0_item = PrizeRule.from_dict(prizes_type_0_item_data)

                    prizes_type_0.append(prizes_type_0_item)

                return prizes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PrizeRule] | None | Unset, data)

        prizes = _parse_prizes(d.pop("prizes", UNSET))

        def _parse_honours(data: object) -> list[HonourRule] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                honours_type_0 = []
                _honours_type_0 = data
                for honours_type_0_item_data in _honours_type_0:
                    honours_type_0_item = HonourRule.from_dict(honours_type_0_item_data)

                    honours_type_0.append(honours_type_0_item)

                return honours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[HonourRule] | None | Unset, data)

        honours = _parse_honours(d.pop("honours", UNSET))

        group_in = cls(
            kind=kind,
            name=name,
            prizes=prizes,
            honours=honours,
        )

        return group_in
