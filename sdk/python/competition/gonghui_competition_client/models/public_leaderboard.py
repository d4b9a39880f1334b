from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.public_row import PublicRow
    from ..models.public_stage import PublicStage


T = TypeVar("T", bound="PublicLeaderboard")


@_attrs_define
class PublicLeaderboard:
    """
    Attributes:
        competition_id (UUID):
        competition_name (str):
        event_id (UUID):
        event_name (str):
        group_id (UUID):
        group_name (str):
        stage (PublicStage):
        items (list[PublicRow]):
        next_cursor (None | str | Unset):
    """

    competition_id: UUID
    competition_name: str
    event_id: UUID
    event_name: str
    group_id: UUID
    group_name: str
    stage: PublicStage
    items: list[PublicRow]
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        competition_id = str(self.competition_id)

        competition_name = self.competition_name

        event_id = str(self.event_id)

        event_name = self.event_name

        group_id = str(self.group_id)

        group_name = self.group_name

        stage = self.stage.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "competition_id": competition_id,
                "competition_name": competition_name,
                "event_id": event_id,
                "event_name": event_name,
                "group_id": group_id,
                "group_name": group_name,
                "stage": stage,
                "items": items,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_row import PublicRow  # noqa: PLC0415
        from ..models.public_stage import PublicStage  # noqa: PLC0415

        d = dict(src_dict)
        competition_id = UUID(d.pop("competition_id"))

        competition_name = d.pop("competition_name")

        event_id = UUID(d.pop("event_id"))

        event_name = d.pop("event_name")

        group_id = UUID(d.pop("group_id"))

        group_name = d.pop("group_name")

        stage = PublicStage.from_dict(d.pop("stage"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = PublicRow.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        public_leaderboard = cls(
            competition_id=competition_id,
            competition_name=competition_name,
            event_id=event_id,
            event_name=event_name,
            group_id=group_id,
            group_name=group_name,
            stage=stage,
            items=items,
            next_cursor=next_cursor,
        )

        public_leaderboard.additional_properties = d
        return public_leaderboard

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
