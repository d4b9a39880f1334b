from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.org_kind import OrgKind
from ..models.org_level import OrgLevel
from ..models.org_status import OrgStatus

T = TypeVar("T", bound="OrgRead")


@_attrs_define
class OrgRead:
    """
    Attributes:
        id (UUID):
        parent_id (None | UUID):
        name (str):
        kind (OrgKind):
        level (OrgLevel):
        region_code (str):
        new_form (bool):
        status (OrgStatus):
        depth (int): 1 for a root of the tree
        path (str): Ids (hex) from the root down to this organisation, dot-separated: other services keep it to tell
            whether something lies in a caller's sub-tree
        created_at (datetime.datetime):
        closed_at (datetime.datetime | None):
    """

    id: UUID
    parent_id: None | UUID
    name: str
    kind: OrgKind
    level: OrgLevel
    region_code: str
    new_form: bool
    status: OrgStatus
    depth: int
    path: str
    created_at: datetime.datetime
    closed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        parent_id: None | str
        if isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        name = self.name

        kind = self.kind.value

        level = self.level.value

        region_code = self.region_code

        new_form = self.new_form

        status = self.status.value

        depth = self.depth

        path = self.path

        created_at = self.created_at.isoformat()

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "parent_id": parent_id,
                "name": name,
                "kind": kind,
                "level": level,
                "region_code": region_code,
                "new_form": new_form,
                "status": status,
                "depth": depth,
                "path": path,
                "created_at": created_at,
                "closed_at": closed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_parent_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_id_type_0 = UUID(data)

                return parent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        parent_id = _parse_parent_id(d.pop("parent_id"))

        name = d.pop("name")

        kind = OrgKind(d.pop("kind"))

        level = OrgLevel(d.pop("level"))

        region_code = d.pop("region_code")

        new_form = d.pop("new_form")

        status = OrgStatus(d.pop("status"))

        depth = d.pop("depth")

        path = d.pop("path")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        org_read = cls(
            id=id,
            parent_id=parent_id,
            name=name,
            kind=kind,
            level=level,
            region_code=region_code,
            new_form=new_form,
            status=status,
            depth=depth,
            path=path,
            created_at=created_at,
            closed_at=closed_at,
        )

        org_read.additional_properties = d
        return org_read

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
