from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.size_class import SizeClass

T = TypeVar("T", bound="EnterpriseLookupItem")


@_attrs_define
class EnterpriseLookupItem:
    """
    Attributes:
        id (UUID):
        uscc (str):
        name (str):
        size_class (SizeClass):
        region_code (str):
        needs_review (bool):
        affiliated_org_id (UUID):
        affiliated_org_path (str): Path of organisation ids from the root: sub-tree checks in other services
        union_org_id (None | UUID):
        has_union_account (bool):
        union_account_no_masked (None | str):
    """

    id: UUID
    uscc: str
    name: str
    size_class: SizeClass
    region_code: str
    needs_review: bool
    affiliated_org_id: UUID
    affiliated_org_path: str
    union_org_id: None | UUID
    has_union_account: bool
    union_account_no_masked: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        uscc = self.uscc

        name = self.name

        size_class = self.size_class.value

        region_code = self.region_code

        needs_review = self.needs_review

        affiliated_org_id = str(self.affiliated_org_id)

        affiliated_org_path = self.affiliated_org_path

        union_org_id: None | str
        if isinstance(self.union_org_id, UUID):
            union_org_id = str(self.union_org_id)
        else:
            union_org_id = self.union_org_id

        has_union_account = self.has_union_account

        union_account_no_masked: None | str
        union_account_no_masked = self.union_account_no_masked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "uscc": uscc,
                "name": name,
                "size_class": size_class,
                "region_code": region_code,
                "needs_review": needs_review,
                "affiliated_org_id": affiliated_org_id,
                "affiliated_org_path": affiliated_org_path,
                "union_org_id": union_org_id,
                "has_union_account": has_union_account,
                "union_account_no_masked": union_account_no_masked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        uscc = d.pop("uscc")

        name = d.pop("name")

        size_class = SizeClass(d.pop("size_class"))

        region_code = d.pop("region_code")

        needs_review = d.pop("needs_review")

        affiliated_org_id = UUID(d.pop("affiliated_org_id"))

        affiliated_org_path = d.pop("affiliated_org_path")

        def _parse_union_org_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                union_org_id_type_0 = UUID(data)

                return union_org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        union_org_id = _parse_union_org_id(d.pop("union_org_id"))

        has_union_account = d.pop("has_union_account")

        def _parse_union_account_no_masked(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        union_account_no_masked = _parse_union_account_no_masked(d.pop("union_account_no_masked"))

        enterprise_lookup_item = cls(
            id=id,
            uscc=uscc,
            name=name,
            size_class=size_class,
            region_code=region_code,
            needs_review=needs_review,
            affiliated_org_id=affiliated_org_id,
            affiliated_org_path=affiliated_org_path,
            union_org_id=union_org_id,
            has_union_account=has_union_account,
            union_account_no_masked=union_account_no_masked,
        )

        enterprise_lookup_item.additional_properties = d
        return enterprise_lookup_item

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
