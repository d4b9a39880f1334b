from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConflictRead")


@_attrs_define
class ConflictRead:
    """
    Attributes:
        id (UUID):
        judge_id (UUID):
        entry_id (UUID):
        reason (str):
        declared_by (str):
        declared_at (datetime.datetime):
    """

    id: UUID
    judge_id: UUID
    entry_id: UUID
    reason: str
    declared_by: str
    declared_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        judge_id = str(self.judge_id)

        entry_id = str(self.entry_id)

        reason = self.reason

        declared_by = self.declared_by

        declared_at = self.declared_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "judge_id": judge_id,
                "entry_id": entry_id,
                "reason": reason,
                "declared_by": declared_by,
                "declared_at": declared_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        judge_id = UUID(d.pop("judge_id"))

        entry_id = UUID(d.pop("entry_id"))

        reason = d.pop("reason")

        declared_by = d.pop("declared_by")

        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        conflict_read = cls(
            id=id,
            judge_id=judge_id,
            entry_id=entry_id,
            reason=reason,
            declared_by=declared_by,
            declared_at=declared_at,
        )

        conflict_read.additional_properties = d
        return conflict_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
