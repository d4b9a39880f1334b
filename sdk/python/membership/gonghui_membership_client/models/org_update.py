from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrgUpdate")


@_attrs_define
class OrgUpdate:
    """
    Attributes:
        name (str | Unset):
        region_code (str | Unset):
        new_form (bool | Unset):
    """

    name: str | Unset = UNSET
    region_code: str | Unset = UNSET
    new_form: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        region_code = self.region_code

        new_form = self.new_form

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if region_code is not UNSET:
            field_dict["region_code"] = region_code
        if new_form is not UNSET:
            field_dict["new_form"] = new_form

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        region_code = d.pop("region_code", UNSET)

        new_form = d.pop("new_form", UNSET)

        org_update = cls(
            name=name,
            region_code=region_code,
            new_form=new_form,
        )

        return org_update
