from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompetitionUpdate")


@_attrs_define
class CompetitionUpdate:
    """
    Attributes:
        name (str | Unset):
        description (None | str | Unset):
        notice_days (int | Unset): May grow, not shrink, once results were on notice
    """

    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    notice_days: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        notice_days = self.notice_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if notice_days is not UNSET:
            field_dict["notice_days"] = notice_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        notice_days = d.pop("notice_days", UNSET)

        competition_update = cls(
            name=name,
            description=description,
            notice_days=notice_days,
        )

        return competition_update
