from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.employment_form import EmploymentForm
from ..types import UNSET, Unset

T = TypeVar("T", bound="JoinRequest")


@_attrs_define
class JoinRequest:
    """
    Attributes:
        name (str):
        id_number (str): Resident ID number (GB 11643), 18 characters
        phone (str): The outcome, with the activation code, is sent here by SMS
        employment_form (EmploymentForm | Unset):
    """

    name: str
    id_number: str
    phone: str
    employment_form: EmploymentForm | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id_number = self.id_number

        phone = self.phone

        employment_form: str | Unset = UNSET
        if not isinstance(self.employment_form, Unset):
            employment_form = self.employment_form.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "id_number": id_number,
                "phone": phone,
            }
        )
        if employment_form is not UNSET:
            field_dict["employment_form"] = employment_form

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        id_number = d.pop("id_number")

        phone = d.pop("phone")

        _employment_form = d.pop("employment_form", UNSET)
        employment_form: EmploymentForm | Unset
        if isinstance(_employment_form, Unset):
            employment_form = UNSET
        else:
            employment_form = EmploymentForm(_employment_form)

        join_request = cls(
            name=name,
            id_number=id_number,
            phone=phone,
            employment_form=employment_form,
        )

        return join_request
