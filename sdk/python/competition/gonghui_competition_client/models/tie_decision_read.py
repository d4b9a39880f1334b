from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.tied_entry import TiedEntry


T = TypeVar("T", bound="TieDecisionRead")


@_attrs_define
class TieDecisionRead:
    """
    Attributes:
        id (UUID):
        stage_id (UUID):
        group_id (UUID):
        rank (int): The rank the tied entries share
        places (int): Places left for them under the advancement rule
        tied (list[TiedEntry]):
        advancing_entry_ids (list[UUID] | None):
        decided_by (None | str):
        decided_at (datetime.datetime | None):
        reason (None | str):
    """

    id: UUID
    stage_id: UUID
    group_id: UUID
    rank: int
    places: int
    tied: list[TiedEntry]
    advancing_entry_ids: list[UUID] | None
    decided_by: None | str
    decided_at: datetime.datetime | None
    reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        stage_id = str(self.stage_id)

        group_id = str(self.group_id)

        rank = self.rank

        places = self.places

        tied = []
        for tied_item_data in self.tied:
            tied_item = tied_item_data.to_dict()
            tied.append(tied_item)

        advancing_entry_ids: list[str] | None
        if isinstance(self.advancing_entry_ids, list):
            advancing_entry_ids = []
            for advancing_entry_ids_type_0_item_data in self.advancing_entry_ids:
                advancing_entry_ids_type_0_item = str(advancing_entry_ids_type_0_item_data)
                advancing_entry_ids.append(advancing_entry_ids_type_0_item)

        else:
            advancing_entry_ids = self.advancing_entry_ids

        decided_by: None | str
        decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        reason: None | str
        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "stage_id": stage_id,
                "group_id": group_id,
                "rank": rank,
                "places": places,
                "tied": tied,
                "advancing_entry_ids": advancing_entry_ids,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tied_entry import TiedEntry  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        stage_id = UUID(d.pop("stage_id"))

        group_id = UUID(d.pop("group_id"))

        rank = d.pop("rank")

        places = d.pop("places")

        tied = []
        _tied = d.pop("tied")
        for tied_item_data in _tied:
            tied_item = TiedEntry.from_dict(tied_item_data)

            tied.append(tied_item)

        def _parse_advancing_entry_ids(data: object) -> list[UUID] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                advancing_entry_ids_type_0 = []
                _advancing_entry_ids_type_0 = data
                for advancing_entry_ids_type_0_item_data in _advancing_entry_ids_type_0:
                    advancing_entry_ids_type_0_item = UUID(advancing_entry_ids_type_0_item_data)

                    advancing_entry_ids_type_0.append(advancing_entry_ids_type_0_item)

                return advancing_entry_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None, data)

        advancing_entry_ids = _parse_advancing_entry_ids(d.pop("advancing_entry_ids"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        tie_decision_read = cls(
            id=id,
            stage_id=stage_id,
            group_id=group_id,
            rank=rank,
            places=places,
            tied=tied,
            advancing_entry_ids=advancing_entry_ids,
            decided_by=decided_by,
            decided_at=decided_at,
            reason=reason,
        )

        tie_decision_read.additional_properties = d
        return tie_decision_read

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
