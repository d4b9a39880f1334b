from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.competition_kind import CompetitionKind
from ..models.competition_level import CompetitionLevel

if TYPE_CHECKING:
    from ..models.public_event import PublicEvent


T = TypeVar("T", bound="PublicCompetition")


@_attrs_define
class PublicCompetition:
    """
    Attributes:
        id (UUID):
        name (str):
        kind (CompetitionKind):
        level (CompetitionLevel):
        year (int):
        hosts (list[str]):
        events (list[PublicEvent]):
    """

    id: UUID
    name: str
    kind: CompetitionKind
    level: CompetitionLevel
    year: int
    hosts: list[str]
    events: list[PublicEvent]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        kind = self.kind.value

        level = self.level.value

        year = self.year

        hosts = self.hosts

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "kind": kind,
                "level": level,
                "year": year,
                "hosts": hosts,
                "events": events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_event import PublicEvent  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        kind = CompetitionKind(d.pop("kind"))

        level = CompetitionLevel(d.pop("level"))

        year = d.pop("year")

        hosts = cast(list[str], d.pop("hosts"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = PublicEvent.from_dict(events_item_data)

            events.append(events_item)

        public_competition = cls(
            id=id,
            name=name,
            kind=kind,
            level=level,
            year=year,
            hosts=hosts,
            events=events,
        )

        public_competition.additional_properties = d
        return public_competition

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
