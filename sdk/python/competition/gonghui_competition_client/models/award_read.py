from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.prize import Prize

if TYPE_CHECKING:
    from ..models.honour_grant_read import HonourGrantRead


T = TypeVar("T", bound="AwardRead")


@_attrs_define
class AwardRead:
    """
    Attributes:
        id (UUID):
        event_id (UUID):
        group_id (UUID):
        entry_id (UUID):
        entry_code (str):
        display_name (str):
        org_name (None | str):
        school (None | str):
        rank (int):
        prize (Prize):
        honours (list[HonourGrantRead]):
        created_at (datetime.datetime):
    """

    id: UUID
    event_id: UUID
    group_id: UUID
    entry_id: UUID
    entry_code: str
    display_name: str
    org_name: None | str
    school: None | str
    rank: int
    prize: Prize
    honours: list[HonourGrantRead]
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        event_id = str(self.event_id)

        group_id = str(self.group_id)

        entry_id = str(self.entry_id)

        entry_code = self.entry_code

        display_name = self.display_name

        org_name: None | str
        org_name = self.org_name

        school: None | str
        school = self.school

        rank = self.rank

        prize = self.prize.value

        honours = []
        for honours_item_data in self.honours:
            honours_item = honours_item_data.to_dict()
            honours.append(honours_item)

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "event_id": event_id,
                "group_id": group_id,
                "entry_id": entry_id,
                "entry_code": entry_code,
                "display_name": display_name,
                "org_name": org_name,
                "school": school,
                "rank": rank,
                "prize": prize,
                "honours": honours,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.honour_grant_read import HonourGrantRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        event_id = UUID(d.pop("event_id"))

        group_id = UUID(d.pop("group_id"))

        entry_id = UUID(d.pop("entry_id"))

        entry_code = d.pop("entry_code")

        display_name = d.pop("display_name")

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

        prize = Prize(d.pop("prize"))

        honours = []
        _honours = d.pop("honours")
        for honours_item_data in _honours:
            honours_item = HonourGrantRead.from_dict(honours_item_data)

            honours.append(honours_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        award_read = cls(
            id=id,
            event_id=event_id,
            group_id=group_id,
            entry_id=entry_id,
            entry_code=entry_code,
            display_name=display_name,
            org_name=org_name,
            school=school,
            rank=rank,
            prize=prize,
            honours=honours,
            created_at=created_at,
        )

        award_read.additional_properties = d
        return award_read

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
