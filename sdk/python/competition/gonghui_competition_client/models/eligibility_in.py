from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EligibilityIn")


@_attrs_define
class EligibilityIn:
    """
    Attributes:
        employment_forms (list[str] | Unset): Employment forms admitted (membership's values); empty admits all
        org_ids (list[UUID] | Unset): Members of these organisations' sub-trees may enter; empty admits all
    """

    employment_forms: list[str] | Unset = UNSET
    org_ids: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        employment_forms: list[str] | Unset = UNSET
        if not isinstance(self.employment_forms, Unset):
            employment_forms = self.employment_forms

        org_ids: list[str] | Unset = UNSET
        if not isinstance(self.org_ids, Unset):
            org_ids = []
            for org_ids_item_data in self.org_ids:
                org_ids_item = str(org_ids_item_data)
                org_ids.append(org_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if employment_forms is not UNSET:
            field_dict["employment_forms"] = employment_forms
        if org_ids is not UNSET:
            field_dict["org_ids"] = org_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        employment_forms = cast(list[str], d.pop("employment_forms", UNSET))

        _org_ids = d.pop("org_ids", UNSET)
        org_ids: list[UUID] | Unset = UNSET
        if _org_ids is not UNSET:
            org_ids = []
            for org_ids_item_data in _org_ids:
                org_ids_item = UUID(org_ids_item_data)

                org_ids.append(org_ids_item)

        eligibility_in = cls(
            employment_forms=employment_forms,
            org_ids=org_ids,
        )

        return eligibility_in
