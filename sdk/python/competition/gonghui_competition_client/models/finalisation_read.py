from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FinalisationRead")


@_attrs_define
class FinalisationRead:
    """
    Attributes:
        competition_id (UUID):
        awarded_on (datetime.date):
        awards (int):
        honours_queued (int):
        honours_skipped (int):
    """

    competition_id: UUID
    awarded_on: datetime.date
    awards: int
    honours_queued: int
    honours_skipped: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        competition_id = str(self.competition_id)

        awarded_on = self.awarded_on.isoformat()

        awards = self.awards

        honours_queued = self.honours_queued

        honours_skipped = self.honours_skipped

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "competition_id": competition_id,
                "awarded_on": awarded_on,
                "awards": awards,
                "honours_queued": honours_queued,
                "honours_skipped": honours_skipped,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        competition_id = UUID(d.pop("competition_id"))

        awarded_on = datetime.date.fromisoformat(d.pop("awarded_on"))

        awards = d.pop("awards")

        honours_queued = d.pop("honours_queued")

        honours_skipped = d.pop("honours_skipped")

        finalisation_read = cls(
            competition_id=competition_id,
            awarded_on=awarded_on,
            awards=awards,
            honours_queued=honours_queued,
            honours_skipped=honours_skipped,
        )

        finalisation_read.additional_properties = d
        return finalisation_read

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
