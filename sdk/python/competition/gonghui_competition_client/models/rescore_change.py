from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RescoreChange")


@_attrs_define
class RescoreChange:
    """
    Attributes:
        entry_id (UUID):
        entry_code (str):
        display_name (None | str): None while you judge this event
        group_id (UUID):
        old_rank (int | None):
        new_rank (int | None):
        old_score (None | str):
        new_score (None | str):
        old_advances (bool | None):
        new_advances (bool | None):
        old_prize (None | str):
        new_prize (None | str):
    """

    entry_id: UUID
    entry_code: str
    display_name: None | str
    group_id: UUID
    old_rank: int | None
    new_rank: int | None
    old_score: None | str
    new_score: None | str
    old_advances: bool | None
    new_advances: bool | None
    old_prize: None | str
    new_prize: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entry_id = str(self.entry_id)

        entry_code = self.entry_code

        display_name: None | str
        display_name = self.display_name

        group_id = str(self.group_id)

        old_rank: int | None
        old_rank = self.old_rank

        new_rank: int | None
        new_rank = self.new_rank

        old_score: None | str
        old_score = self.old_score

        new_score: None | str
        new_score = self.new_score

        old_advances: bool | None
        old_advances = self.old_advances

        new_advances: bool | None
        new_advances = self.new_advances

        old_prize: None | str
        old_prize = self.old_prize

        new_prize: None | str
        new_prize = self.new_prize

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entry_id": entry_id,
                "entry_code": entry_code,
                "display_name": display_name,
                "group_id": group_id,
                "old_rank": old_rank,
                "new_rank": new_rank,
                "old_score": old_score,
                "new_score": new_score,
                "old_advances": old_advances,
                "new_advances": new_advances,
                "old_prize": old_prize,
                "new_prize": new_prize,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entry_id = UUID(d.pop("entry_id"))

        entry_code = d.pop("entry_code")

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        group_id = UUID(d.pop("group_id"))

        def _parse_old_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        old_rank = _parse_old_rank(d.pop("old_rank"))

        def _parse_new_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        new_rank = _parse_new_rank(d.pop("new_rank"))

        def _parse_old_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_score = _parse_old_score(d.pop("old_score"))

        def _parse_new_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_score = _parse_new_score(d.pop("new_score"))

        def _parse_old_advances(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        old_advances = _parse_old_advances(d.pop("old_advances"))

        def _parse_new_advances(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        new_advances = _parse_new_advances(d.pop("new_advances"))

        def _parse_old_prize(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_prize = _parse_old_prize(d.pop("old_prize"))

        def _parse_new_prize(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_prize = _parse_new_prize(d.pop("new_prize"))

        rescore_change = cls(
            entry_id=entry_id,
            entry_code=entry_code,
            display_name=display_name,
            group_id=group_id,
            old_rank=old_rank,
            new_rank=new_rank,
            old_score=old_score,
            new_score=new_score,
            old_advances=old_advances,
            new_advances=new_advances,
            old_prize=old_prize,
            new_prize=new_prize,
        )

        rescore_change.additional_properties = d
        return rescore_change

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
