from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PersonLookup")


@_attrs_define
class PersonLookup:
    """The ID number travels in the body, never in a URL that ends up in access logs.

    Attributes:
        id_number (str):
    """

    id_number: str

    def to_dict(self) -> dict[str, Any]:
        id_number = self.id_number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id_number": id_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_number = d.pop("id_number")

        person_lookup = cls(
            id_number=id_number,
        )

        return person_lookup
