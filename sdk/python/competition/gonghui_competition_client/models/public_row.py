from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PublicRow")


@_attrs_define
class PublicRow:
    """
    Attributes:
        rank (int):
        name (str): Masked: 张** or the team's masked name
        organisation (None | str): Masked organisation or school
        score (str):
        prize (None | str):
        advances (bool | None):
    """

    rank: int
    name: str
    organisation: None | str
    score: str
    prize: None | str
    advances: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rank = self.rank

        name = self.name

        organisation: None | str
        organisation = self.organisation

        score = self.score

        prize: None | str
        prize = self.prize

        advances: bool | None
        advances = self.advances

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rank": rank,
                "name": name,
                "organisation": organisation,
                "score": score,
                "prize": prize,
                "advances": advances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rank = d.pop("rank")

        name = d.pop("name")

        def _parse_organisation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation = _parse_organisation(d.pop("organisation"))

        score = d.pop("score")

        def _parse_prize(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prize = _parse_prize(d.pop("prize"))

        def _parse_advances(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        advances = _parse_advances(d.pop("advances"))

        public_row = cls(
            rank=rank,
            name=name,
            organisation=organisation,
            score=score,
            prize=prize,
            advances=advances,
        )

        public_row.additional_properties = d
        return public_row

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
