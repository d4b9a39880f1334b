from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.objection_status import ObjectionStatus

T = TypeVar("T", bound="ObjectionRead")


@_attrs_define
class ObjectionRead:
    """
    Attributes:
        id (UUID):
        stage_id (UUID):
        entry_id (UUID):
        lodged_for_entry_id (UUID):
        lodged_by (str):
        reason (str):
        status (ObjectionStatus):
        decided_by (None | str):
        decided_at (datetime.datetime | None):
        decision_note (None | str):
        resolved_at (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: UUID
    stage_id: UUID
    entry_id: UUID
    lodged_for_entry_id: UUID
    lodged_by: str
    reason: str
    status: ObjectionStatus
    decided_by: None | str
    decided_at: datetime.datetime | None
    decision_note: None | str
    resolved_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        stage_id = str(self.stage_id)

        entry_id = str(self.entry_id)

        lodged_for_entry_id = str(self.lodged_for_entry_id)

        lodged_by = self.lodged_by

        reason = self.reason

        status = self.status.value

        decided_by: None | str
        decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_note: None | str
        decision_note = self.decision_note

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "stage_id": stage_id,
                "entry_id": entry_id,
                "lodged_for_entry_id": lodged_for_entry_id,
                "lodged_by": lodged_by,
                "reason": reason,
                "status": status,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "decision_note": decision_note,
                "resolved_at": resolved_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        stage_id = UUID(d.pop("stage_id"))

        entry_id = UUID(d.pop("entry_id"))

        lodged_for_entry_id = UUID(d.pop("lodged_for_entry_id"))

        lodged_by = d.pop("lodged_by")

        reason = d.pop("reason")

        status = ObjectionStatus(d.pop("status"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decision_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_note = _parse_decision_note(d.pop("decision_note"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        objection_read = cls(
            id=id,
            stage_id=stage_id,
            entry_id=entry_id,
            lodged_for_entry_id=lodged_for_entry_id,
            lodged_by=lodged_by,
            reason=reason,
            status=status,
            decided_by=decided_by,
            decided_at=decided_at,
            decision_note=decision_note,
            resolved_at=resolved_at,
            created_at=created_at,
        )

        objection_read.additional_properties = d
        return objection_read

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
