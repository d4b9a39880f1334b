from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.employment_form import EmploymentForm
from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonIn")


@_attrs_define
class PersonIn:
    """
    Attributes:
        name (str):
        id_number (str): Resident ID number (GB 11643), 18 characters
        phone (None | str | Unset):
        employment_form (EmploymentForm | Unset):
    """

    name: str
    id_number: str
    phone: None | str | Unset = UNSET
    employment_form: EmploymentForm | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id_number = self.id_number

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        employment_form: str | Unset = UNSET
        if not isinstance(self.employment_form, Unset):
            employment_form = self.employment_form.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "id_number": id_number,
            }
        )
        if phone is not UNSET:
            field_dict["phone"] = phone
        if employment_form is not UNSET:
            field_dict["employment_form"] = employment_form

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        id_number = d.pop("id_number")

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        _employment_form = d.pop("employment_form", UNSET)
        employment_form: EmploymentForm | Unset
        if isinstance(_employment_form, Unset):
            employment_form = UNSET
        else:
            employment_form = EmploymentForm(_employment_form)

        person_in = cls(
            name=name,
            id_number=id_number,
            phone=phone,
            employment_form=employment_form,
        )

        return person_in
