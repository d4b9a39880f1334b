from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.service_kind import ServiceKind

T = TypeVar("T", bound="ServiceRecordRead")


@_attrs_define
class ServiceRecordRead:
    """
    Attributes:
        id (UUID):
        person_id (UUID):
        kind (ServiceKind):
        org_id (UUID):
        served_on (datetime.date):
        note (None | str):
        recorded_by (str):
        created_at (datetime.datetime):
    """

    id: UUID
    person_id: UUID
    kind: ServiceKind
    org_id: UUID
    served_on: datetime.date
    note: None | str
    recorded_by: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        person_id = str(self.person_id)

        kind = self.kind.value

        org_id = str(self.org_id)

        served_on = self.served_on.isoformat()

        note: None | str
        note = self.note

        recorded_by = self.recorded_by

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "person_id": person_id,
                "kind": kind,
                "org_id": org_id,
                "served_on": served_on,
                "note": note,
                "recorded_by": recorded_by,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        person_id = UUID(d.pop("person_id"))

        kind = ServiceKind(d.pop("kind"))

        org_id = UUID(d.pop("org_id"))

        served_on = datetime.date.fromisoformat(d.pop("served_on"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        recorded_by = d.pop("recorded_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        service_record_read = cls(
            id=id,
            person_id=person_id,
            kind=kind,
            org_id=org_id,
            served_on=served_on,
            note=note,
            recorded_by=recorded_by,
            created_at=created_at,
        )

        service_record_read.additional_properties = d
        return service_record_read

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
