from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.competition_kind import CompetitionKind
from ..models.competition_level import CompetitionLevel
from ..models.competition_status import CompetitionStatus

if TYPE_CHECKING:
    from ..models.competition_org_read import CompetitionOrgRead


T = TypeVar("T", bound="CompetitionRead")


@_attrs_define
class CompetitionRead:
    """
    Attributes:
        id (UUID):
        name (str):
        kind (CompetitionKind):
        level (CompetitionLevel):
        year (int):
        status (CompetitionStatus):
        description (None | str):
        notice_days (int):
        demo (bool):
        orgs (list[CompetitionOrgRead]):
        created_at (datetime.datetime):
        finalised_at (datetime.datetime | None):
        awarded_on (datetime.date | None):
    """

    id: UUID
    name: str
    kind: CompetitionKind
    level: CompetitionLevel
    year: int
    status: CompetitionStatus
    description: None | str
    notice_days: int
    demo: bool
    orgs: list[CompetitionOrgRead]
    created_at: datetime.datetime
    finalised_at: datetime.datetime | None
    awarded_on: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        kind = self.kind.value

        level = self.level.value

        year = self.year

        status = self.status.value

        description: None | str
        description = self.description

        notice_days = self.notice_days

        demo = self.demo

        orgs = []
        for orgs_item_data in self.orgs:
            orgs_item = orgs_item_data.to_dict()
            orgs.append(orgs_item)

        created_at = self.created_at.isoformat()

        finalised_at: None | str
        if isinstance(self.finalised_at, datetime.datetime):
            finalised_at = self.finalised_at.isoformat()
        else:
            finalised_at = self.finalised_at

        awarded_on: None | str
        if isinstance(self.awarded_on, datetime.date):
            awarded_on = self.awarded_on.isoformat()
        else:
            awarded_on = self.awarded_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "kind": kind,
                "level": level,
                "year": year,
                "status": status,
                "description": description,
                "notice_days": notice_days,
                "demo": demo,
                "orgs": orgs,
                "created_at": created_at,
                "finalised_at": finalised_at,
                "awarded_on": awarded_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.competition_org_read import CompetitionOrgRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        kind = CompetitionKind(d.pop("kind"))

        level = CompetitionLevel(d.pop("level"))

        year = d.pop("year")

        status = CompetitionStatus(d.pop("status"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        notice_days = d.pop("notice_days")

        demo = d.pop("demo")

        orgs = []
        _orgs = d.pop("orgs")
        for orgs_item_data in _orgs:
            orgs_item = CompetitionOrgRead.from_dict(orgs_item_data)

            orgs.append(orgs_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finalised_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalised_at_type_0 = datetime.datetime.fromisoformat(data)

                return finalised_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finalised_at = _parse_finalised_at(d.pop("finalised_at"))

        def _parse_awarded_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                awarded_on_type_0 = datetime.date.fromisoformat(data)

                return awarded_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        awarded_on = _parse_awarded_on(d.pop("awarded_on"))

        competition_read = cls(
            id=id,
            name=name,
            kind=kind,
            level=level,
            year=year,
            status=status,
            description=description,
            notice_days=notice_days,
            demo=demo,
            orgs=orgs,
            created_at=created_at,
            finalised_at=finalised_at,
            awarded_on=awarded_on,
        )

        competition_read.additional_properties = d
        return competition_read

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
