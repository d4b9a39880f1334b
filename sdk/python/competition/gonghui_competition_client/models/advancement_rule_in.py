from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.advancement_kind import AdvancementKind

T = TypeVar("T", bound="AdvancementRuleIn")


@_attrs_define
class AdvancementRuleIn:
    """
    Attributes:
        group_id (UUID):
        kind (AdvancementKind):
        value (int | str):
    """

    group_id: UUID
    kind: AdvancementKind
    value: int | str

    def to_dict(self) -> dict[str, Any]:
        group_id = str(self.group_id)

        kind = self.kind.value

        value: int | str
        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "group_id": group_id,
                "kind": kind,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group_id = UUID(d.pop("group_id"))

        kind = AdvancementKind(d.pop("kind"))

        def _parse_value(data: object) -> int | str:
            return cast(int | str, data)

        value = _parse_value(d.pop("value"))

        advancement_rule_in = cls(
            group_id=group_id,
            kind=kind,
            value=value,
        )

        return advancement_rule_in
