from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.org_kind import OrgKind
from ..models.org_level import OrgLevel
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrgCreate")


@_attrs_define
class OrgCreate:
    """
    Attributes:
        name (str):
        kind (OrgKind):
        level (OrgLevel):
        region_code (str):
        parent_id (None | Unset | UUID):
        new_form (bool | Unset): A union for new-form workers Default: False.
    """

    name: str
    kind: OrgKind
    level: OrgLevel
    region_code: str
    parent_id: None | Unset | UUID = UNSET
    new_form: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind.value

        level = self.level.value

        region_code = self.region_code

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        elif isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        new_form = self.new_form

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "level": level,
                "region_code": region_code,
            }
        )
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if new_form is not UNSET:
            field_dict["new_form"] = new_form

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        kind = OrgKind(d.pop("kind"))

        level = OrgLevel(d.pop("level"))

        region_code = d.pop("region_code")

        def _parse_parent_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_id_type_0 = UUID(data)

                return parent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        new_form = d.pop("new_form", UNSET)

        org_create = cls(
            name=name,
            kind=kind,
            level=level,
            region_code=region_code,
            parent_id=parent_id,
            new_form=new_form,
        )

        return org_create
