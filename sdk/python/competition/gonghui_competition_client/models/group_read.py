from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.group_kind import GroupKind

if TYPE_CHECKING:
    from ..models.honour_rule import HonourRule
    from ..models.prize_rule import PrizeRule


T = TypeVar("T", bound="GroupRead")


@_attrs_define
class GroupRead:
    """
    Attributes:
        id (UUID):
        kind (GroupKind):
        name (str):
        prizes (list[PrizeRule]):
        honours (list[HonourRule]):
    """

    id: UUID
    kind: GroupKind
    name: str
    prizes: list[PrizeRule]
    honours: list[HonourRule]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        name = self.name

        prizes = []
        for prizes_item_data in self.prizes:
            prizes_item = prizes_item_data.to_dict()
            prizes.append(prizes_item)

        honours = []
        for honours_item_data in self.honours:
            honours_item = honours_item_data.to_dict()
            honours.append(honours_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "name": name,
                "prizes": prizes,
                "honours": honours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.honour_rule import HonourRule  # noqa: PLC0415
        from ..models.prize_rule import PrizeRule  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = GroupKind(d.pop("kind"))

        name = d.pop("name")

        prizes = []
        _prizes = d.pop("prizes")
        for prizes_item_data in _prizes:
            prizes_item = PrizeRule.from_dict(prizes_item_data)

            prizes.append(prizes_item)

        honours = []
        _honours = d.pop("honours")
        for honours_item_data in _honours:
            honours_item = HonourRule.from_dict(honours_item_data)

            honours.append(honours_item)

        group_read = cls(
            id=id,
            kind=kind,
            name=name,
            prizes=prizes,
            honours=honours,
        )

        group_read.additional_properties = d
        return group_read

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
