from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ResultRead")


@_attrs_define
class ResultRead:
    """
    Attributes:
        entry_id (UUID):
        entry_code (str):
        group_id (UUID):
        display_name (None | str): None while you judge this event, unpublished
        org_name (None | str):
        school (None | str):
        rank (int):
        score (str): Rounded half-up to 4 places; ranks use the exact value
        spread (str):
        judges (int):
        flagged (bool):
        advances (bool | None): null: tied across the boundary, to be decided
        prize (None | str):
    """

    entry_id: UUID
    entry_code: str
    group_id: UUID
    display_name: None | str
    org_name: None | str
    school: None | str
    rank: int
    score: str
    spread: str
    judges: int
    flagged: bool
    advances: bool | None
    prize: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entry_id = str(self.entry_id)

        entry_code = self.entry_code

        group_id = str(self.group_id)

        display_name: None | str
        display_name = self.display_name

        org_name: None | str
        org_name = self.org_name

        school: None | str
        school = self.school

        rank = self.rank

        score = self.score

        spread = self.spread

        judges = self.judges

        flagged = self.flagged

        advances: bool | None
        advances = self.advances

        prize: None | str
        prize = self.prize

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entry_id": entry_id,
                "entry_code": entry_code,
                "group_id": group_id,
                "display_name": display_name,
                "org_name": org_name,
                "school": school,
                "rank": rank,
                "score": score,
                "spread": spread,
                "judges": judges,
                "flagged": flagged,
                "advances": advances,
                "prize": prize,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entry_id = UUID(d.pop("entry_id"))

        entry_code = d.pop("entry_code")

        group_id = UUID(d.pop("group_id"))

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        def _parse_org_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        org_name = _parse_org_name(d.pop("org_name"))

        def _parse_school(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        school = _parse_school(d.pop("school"))

        rank = d.pop("rank")

        score = d.pop("score")

        spread = d.pop("spread")

        judges = d.pop("judges")

        flagged = d.pop("flagged")

        def _parse_advances(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        advances = _parse_advances(d.pop("advances"))

        def _parse_prize(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prize = _parse_prize(d.pop("prize"))

        result_read = cls(
            entry_id=entry_id,
            entry_code=entry_code,
            group_id=group_id,
            display_name=display_name,
            org_name=org_name,
            school=school,
            rank=rank,
            score=score,
            spread=spread,
            judges=judges,
            flagged=flagged,
            advances=advances,
            prize=prize,
        )

        result_read.additional_properties = d
        return result_read

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
