from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.competition_kind import CompetitionKind
from ..models.competition_level import CompetitionLevel
from ..types import UNSET, Unset

T = TypeVar("T", bound="CompetitionCreate")


@_attrs_define
class CompetitionCreate:
    """
    Attributes:
        name (str):
        kind (CompetitionKind):
        level (CompetitionLevel):
        year (int):
        host_org_id (UUID): 主办: the union that hosts the competition
        organiser_org_ids (list[UUID] | Unset): 承办: organisations that run it
        description (None | str | Unset):
        notice_days (int | None | Unset): Public notice period (公示) in days; at least the federation's floor for the
            level (by default 5 for provincial and national, 3 below), which it defaults to
    """

    name: str
    kind: CompetitionKind
    level: CompetitionLevel
    year: int
    host_org_id: UUID
    organiser_org_ids: list[UUID] | Unset = UNSET
    description: None | str | Unset = UNSET
    notice_days: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind.value

        level = self.level.value

        year = self.year

        host_org_id = str(self.host_org_id)

        organiser_org_ids: list[str] | Unset = UNSET
        if not isinstance(self.organiser_org_ids, Unset):
            organiser_org_ids = []
            for organiser_org_ids_item_data in self.organiser_org_ids:
                organiser_org_ids_item = str(organiser_org_ids_item_data)
                organiser_org_ids.append(organiser_org_ids_item)

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        notice_days: int | None | Unset
        if isinstance(self.notice_days, Unset):
            notice_days = UNSET
        else:
            notice_days = self.notice_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "level": level,
                "year": year,
                "host_org_id": host_org_id,
            }
        )
        if organiser_org_ids is not UNSET:
            field_dict["organiser_org_ids"] = organiser_org_ids
        if description is not UNSET:
            field_dict["description"] = description
        if notice_days is not UNSET:
            field_dict["notice_days"] = notice_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        kind = CompetitionKind(d.pop("kind"))

        level = CompetitionLevel(d.pop("level"))

        year = d.pop("year")

        host_org_id = UUID(d.pop("host_org_id"))

        _organiser_org_ids = d.pop("organiser_org_ids", UNSET)
        organiser_org_ids: list[UUID] | Unset = UNSET
        if _organiser_org_ids is not UNSET:
            organiser_org_ids = []
            for organiser_org_ids_item_data in _organiser_org_ids:
                organiser_org_ids_item = UUID(organiser_org_ids_item_data)

                organiser_org_ids.append(organiser_org_ids_item)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_notice_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        notice_days = _parse_notice_days(d.pop("notice_days", UNSET))

        competition_create = cls(
            name=name,
            kind=kind,
            level=level,
            year=year,
            host_org_id=host_org_id,
            organiser_org_ids=organiser_org_ids,
            description=description,
            notice_days=notice_days,
        )

        return competition_create
