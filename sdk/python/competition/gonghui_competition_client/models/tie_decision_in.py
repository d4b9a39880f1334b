from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="TieDecisionIn")


@_attrs_define
class TieDecisionIn:
    """
    Attributes:
        advancing_entry_ids (list[UUID]): Those of the tied entries that advance (all, some, none)
        reason (str):
    """

    advancing_entry_ids: list[UUID]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        advancing_entry_ids = []
        for advancing_entry_ids_item_data in self.advancing_entry_ids:
            advancing_entry_ids_item = str(advancing_entry_ids_item_data)
            advancing_entry_ids.append(advancing_entry_ids_item)

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "advancing_entry_ids": advancing_entry_ids,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        advancing_entry_ids = []
        _advancing_entry_ids = d.pop("advancing_entry_ids")
        for advancing_entry_ids_item_data in _advancing_entry_ids:
            advancing_entry_ids_item = UUID(advancing_entry_ids_item_data)

            advancing_entry_ids.append(advancing_entry_ids_item)

        reason = d.pop("reason")

        tie_decision_in = cls(
            advancing_entry_ids=advancing_entry_ids,
            reason=reason,
        )

        return tie_decision_in
