from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.participation_year import ParticipationYear


T = TypeVar("T", bound="ParticipationStats")


@_attrs_define
class ParticipationStats:
    """
    Attributes:
        org_id (None | UUID): None: your whole scope
        org_name (None | str):
        year_from (int):
        year_to (int):
        years (list[ParticipationYear]):
        participations (int):
    """

    org_id: None | UUID
    org_name: None | str
    year_from: int
    year_to: int
    years: list[ParticipationYear]
    participations: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org_id: None | str
        if isinstance(self.org_id, UUID):
            org_id = str(self.org_id)
        else:
            org_id = self.org_id

        org_name: None | str
        org_name = self.org_name

        year_from = self.year_from

        year_to = self.year_to

        years = []
        for years_item_data in self.years:
            years_item = years_item_data.to_dict()
            years.append(years_item)

        participations = self.participations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org_id": org_id,
                "org_name": org_name,
                "year_from": year_from,
                "year_to": year_to,
                "years": years,
                "participations": participations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.participation_year import ParticipationYear  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_org_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                org_id_type_0 = UUID(data)

                return org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        org_id = _parse_org_id(d.pop("org_id"))

        def _parse_org_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        org_name = _parse_org_name(d.pop("org_name"))

        year_from = d.pop("year_from")

        year_to = d.pop("year_to")

        years = []
        _years = d.pop("years")
        for years_item_data in _years:
            years_item = ParticipationYear.from_dict(years_item_data)

            years.append(years_item)

        participations = d.pop("participations")

        participation_stats = cls(
            org_id=org_id,
            org_name=org_name,
            year_from=year_from,
            year_to=year_to,
            years=years,
            participations=participations,
        )

        participation_stats.additional_properties = d
        return participation_stats

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
