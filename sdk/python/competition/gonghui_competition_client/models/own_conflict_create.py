from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OwnConflictCreate")


@_attrs_define
class OwnConflictCreate:
    """A judge declares a conflict with an entry they recognise by its code.

    Attributes:
        entry_code (str):
        reason (str):
    """

    entry_code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        entry_code = self.entry_code

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "entry_code": entry_code,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entry_code = d.pop("entry_code")

        reason = d.pop("reason")

        own_conflict_create = cls(
            entry_code=entry_code,
            reason=reason,
        )

        return own_conflict_create
