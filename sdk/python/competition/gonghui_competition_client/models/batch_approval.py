from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BatchApproval")


@_attrs_define
class BatchApproval:
    """
    Attributes:
        entry_ids (list[UUID]):
        reason (None | str | Unset):
    """

    entry_ids: list[UUID]
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        entry_ids = []
        for entry_ids_item_data in self.entry_ids:
            entry_ids_item = str(entry_ids_item_data)
            entry_ids.append(entry_ids_item)

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "entry_ids": entry_ids,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entry_ids = []
        _entry_ids = d.pop("entry_ids")
        for entry_ids_item_data in _entry_ids:
            entry_ids_item = UUID(entry_ids_item_data)

            entry_ids.append(entry_ids_item)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        batch_approval = cls(
            entry_ids=entry_ids,
            reason=reason,
        )

        return batch_approval
