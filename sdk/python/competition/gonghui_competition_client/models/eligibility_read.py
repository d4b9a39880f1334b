from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.eligible_org_read import EligibleOrgRead


T = TypeVar("T", bound="EligibilityRead")


@_attrs_define
class EligibilityRead:
    """
    Attributes:
        employment_forms (list[str]):
        orgs (list[EligibleOrgRead]):
    """

    employment_forms: list[str]
    orgs: list[EligibleOrgRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        employment_forms = self.employment_forms

        orgs = []
        for orgs_item_data in self.orgs:
            orgs_item = orgs_item_data.to_dict()
            orgs.append(orgs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "employment_forms": employment_forms,
                "orgs": orgs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.eligible_org_read import EligibleOrgRead  # noqa: PLC0415

        d = dict(src_dict)
        employment_forms = cast(list[str], d.pop("employment_forms"))

        orgs = []
        _orgs = d.pop("orgs")
        for orgs_item_data in _orgs:
            orgs_item = EligibleOrgRead.from_dict(orgs_item_data)

            orgs.append(orgs_item)

        eligibility_read = cls(
            employment_forms=employment_forms,
            orgs=orgs,
        )

        eligibility_read.additional_properties = d
        return eligibility_read

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
