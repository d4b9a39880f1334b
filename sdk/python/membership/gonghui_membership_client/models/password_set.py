from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PasswordSet")


@_attrs_define
class PasswordSet:
    """
    Attributes:
        id_number (str):
        code (str):
        password (str):
    """

    id_number: str
    code: str
    password: str

    def to_dict(self) -> dict[str, Any]:
        id_number = self.id_number

        code = self.code

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id_number": id_number,
                "code": code,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_number = d.pop("id_number")

        code = d.pop("code")

        password = d.pop("password")

        password_set = cls(
            id_number=id_number,
            code=code,
            password=password,
        )

        return password_set
