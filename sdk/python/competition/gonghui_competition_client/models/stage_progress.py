from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage_status import StageStatus

T = TypeVar("T", bound="StageProgress")


@_attrs_define
class StageProgress:
    """
    Attributes:
        stage_id (UUID):
        status (StageStatus):
        competing (int):
        no_shows (int):
        missing_sheets (int): Assignments still without a submitted sheet
        short_entries (int): Entries with fewer judges than the event asks for
    """

    stage_id: UUID
    status: StageStatus
    competing: int
    no_shows: int
    missing_sheets: int
    short_entries: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stage_id = str(self.stage_id)

        status = self.status.value

        competing = self.competing

        no_shows = self.no_shows

        missing_sheets = self.missing_sheets

        short_entries = self.short_entries

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stage_id": stage_id,
                "status": status,
                "competing": competing,
                "no_shows": no_shows,
                "missing_sheets": missing_sheets,
                "short_entries": short_entries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        stage_id = UUID(d.pop("stage_id"))

        status = StageStatus(d.pop("status"))

        competing = d.pop("competing")

        no_shows = d.pop("no_shows")

        missing_sheets = d.pop("missing_sheets")

        short_entries = d.pop("short_entries")

        stage_progress = cls(
            stage_id=stage_id,
            status=status,
            competing=competing,
            no_shows=no_shows,
            missing_sheets=missing_sheets,
            short_entries=short_entries,
        )

        stage_progress.additional_properties = d
        return stage_progress

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
