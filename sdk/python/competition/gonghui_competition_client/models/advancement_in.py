from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.advancement_kind import AdvancementKind

T = TypeVar("T", bound="AdvancementIn")


@_attrs_define
class AdvancementIn:
    """
    Attributes:
        group (str): The group's name
        kind (AdvancementKind):
        value (int | str): N, a percentage, or the score threshold
    """

    group: str
    kind: AdvancementKind
    value: int | str

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        kind = self.kind.value

        value: int | str
        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "group": group,
                "kind": kind,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group")

        kind = AdvancementKind(d.pop("kind"))

        def _parse_value(data: object) -> int | str:
            return cast(int | str, data)

        value = _parse_value(d.pop("value"))

        advancement_in = cls(
            group=group,
            kind=kind,
            value=value,
        )

        return advancement_in
