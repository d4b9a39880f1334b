from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ParticipationYear")


@_attrs_define
class ParticipationYear:
    """
    Attributes:
        year (int):
        competitions (int):
        entries (int):
        participations (int): 人次: a person in an entry of an approved entry
        labour (int): Participations in labour competitions
        vocational_skills (int): Participations in vocational skills contests
    """

    year: int
    competitions: int
    entries: int
    participations: int
    labour: int
    vocational_skills: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        year = self.year

        competitions = self.competitions

        entries = self.entries

        participations = self.participations

        labour = self.labour

        vocational_skills = self.vocational_skills

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "year": year,
                "competitions": competitions,
                "entries": entries,
                "participations": participations,
                "labour": labour,
                "vocational_skills": vocational_skills,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        year = d.pop("year")

        competitions = d.pop("competitions")

        entries = d.pop("entries")

        participations = d.pop("participations")

        labour = d.pop("labour")

        vocational_skills = d.pop("vocational_skills")

        participation_year = cls(
            year=year,
            competitions=competitions,
            entries=entries,
            participations=participations,
            labour=labour,
            vocational_skills=vocational_skills,
        )

        participation_year.additional_properties = d
        return participation_year

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
