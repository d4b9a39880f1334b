from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="EnterpriseLookup")


@_attrs_define
class EnterpriseLookup:
    """
    Attributes:
        usccs (list[str]):
    """

    usccs: list[str]

    def to_dict(self) -> dict[str, Any]:
        usccs = self.usccs

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "usccs": usccs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        usccs = cast(list[str], d.pop("usccs"))

        enterprise_lookup = cls(
            usccs=usccs,
        )

        return enterprise_lookup
