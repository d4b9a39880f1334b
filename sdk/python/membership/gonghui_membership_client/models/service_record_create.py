from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.service_kind import ServiceKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceRecordCreate")


@_attrs_define
class ServiceRecordCreate:
    """
    Attributes:
        kind (ServiceKind):
        org_id (UUID): The organisation that gave it, in your sub-tree
        served_on (datetime.date):
        note (None | str | Unset):
    """

    kind: ServiceKind
    org_id: UUID
    served_on: datetime.date
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        org_id = str(self.org_id)

        served_on = self.served_on.isoformat()

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "org_id": org_id,
                "served_on": served_on,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = ServiceKind(d.pop("kind"))

        org_id = UUID(d.pop("org_id"))

        served_on = datetime.date.fromisoformat(d.pop("served_on"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        service_record_create = cls(
            kind=kind,
            org_id=org_id,
            served_on=served_on,
            note=note,
        )

        return service_record_create
