from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.honour_kind import HonourKind
from ..models.honour_level import HonourLevel

T = TypeVar("T", bound="HonourRead")


@_attrs_define
class HonourRead:
    """
    Attributes:
        id (UUID):
        person_id (UUID):
        kind (HonourKind):
        level (HonourLevel):
        title (str):
        team_name (None | str):
        awarded_on (datetime.date):
        granted_by (str):
        granting_org_id (None | UUID):
        source_ref (None | str):
        created_at (datetime.datetime):
    """

    id: UUID
    person_id: UUID
    kind: HonourKind
    level: HonourLevel
    title: str
    team_name: None | str
    awarded_on: datetime.date
    granted_by: str
    granting_org_id: None | UUID
    source_ref: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        person_id = str(self.person_id)

        kind = self.kind.value

        level = self.level.value

        title = self.title

        team_name: None | str
        team_name = self.team_name

        awarded_on = self.awarded_on.isoformat()

        granted_by = self.granted_by

        granting_org_id: None | str
        if isinstance(self.granting_org_id, UUID):
            granting_org_id = str(self.granting_org_id)
        else:
            granting_org_id = self.granting_org_id

        source_ref: None | str
        source_ref = self.source_ref

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "person_id": person_id,
                "kind": kind,
                "level": level,
                "title": title,
                "team_name": team_name,
                "awarded_on": awarded_on,
                "granted_by": granted_by,
                "granting_org_id": granting_org_id,
                "source_ref": source_ref,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        person_id = UUID(d.pop("person_id"))

        kind = HonourKind(d.pop("kind"))

        level = HonourLevel(d.pop("level"))

        title = d.pop("title")

        def _parse_team_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        team_name = _parse_team_name(d.pop("team_name"))

        awarded_on = datetime.date.fromisoformat(d.pop("awarded_on"))

        granted_by = d.pop("granted_by")

        def _parse_granting_org_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                granting_org_id_type_0 = UUID(data)

                return granting_org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        granting_org_id = _parse_granting_org_id(d.pop("granting_org_id"))

        def _parse_source_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_ref = _parse_source_ref(d.pop("source_ref"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        honour_read = cls(
            id=id,
            person_id=person_id,
            kind=kind,
            level=level,
            title=title,
            team_name=team_name,
            awarded_on=awarded_on,
            granted_by=granted_by,
            granting_org_id=granting_org_id,
            source_ref=source_ref,
            created_at=created_at,
        )

        honour_read.additional_properties = d
        return honour_read

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
