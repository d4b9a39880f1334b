from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JudgeLoad")


@_attrs_define
class JudgeLoad:
    """
    Attributes:
        judge_id (UUID):
        name (str):
        entries (int):
    """

    judge_id: UUID
    name: str
    entries: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        judge_id = str(self.judge_id)

        name = self.name

        entries = self.entries

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "judge_id": judge_id,
                "name": name,
                "entries": entries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        judge_id = UUID(d.pop("judge_id"))

        name = d.pop("name")

        entries = d.pop("entries")

        judge_load = cls(
            judge_id=judge_id,
            name=name,
            entries=entries,
        )

        judge_load.additional_properties = d
        return judge_load

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
