from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.employment_form import EmploymentForm

T = TypeVar("T", bound="PersonRead")


@_attrs_define
class PersonRead:
    """
    Attributes:
        id (UUID):
        name (str):
        id_number_masked (str):
        phone_masked (None | str):
        employment_form (EmploymentForm):
    """

    id: UUID
    name: str
    id_number_masked: str
    phone_masked: None | str
    employment_form: EmploymentForm
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        id_number_masked = self.id_number_masked

        phone_masked: None | str
        phone_masked = self.phone_masked

        employment_form = self.employment_form.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "id_number_masked": id_number_masked,
                "phone_masked": phone_masked,
                "employment_form": employment_form,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        id_number_masked = d.pop("id_number_masked")

        def _parse_phone_masked(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone_masked = _parse_phone_masked(d.pop("phone_masked"))

        employment_form = EmploymentForm(d.pop("employment_form"))

        person_read = cls(
            id=id,
            name=name,
            id_number_masked=id_number_masked,
            phone_masked=phone_masked,
            employment_form=employment_form,
        )

        person_read.additional_properties = d
        return person_read

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
