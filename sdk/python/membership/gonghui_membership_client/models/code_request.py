from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CodeRequest")


@_attrs_define
class CodeRequest:
    """ID number and the phone number on record; both travel in the body, never a URL.

    Attributes:
        id_number (str):
        phone (str):
    """

    id_number: str
    phone: str

    def to_dict(self) -> dict[str, Any]:
        id_number = self.id_number

        phone = self.phone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id_number": id_number,
                "phone": phone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_number = d.pop("id_number")

        phone = d.pop("phone")

        code_request = cls(
            id_number=id_number,
            phone=phone,
        )

        return code_request
