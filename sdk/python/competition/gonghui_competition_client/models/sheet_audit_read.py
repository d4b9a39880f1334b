from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sheet_status import SheetStatus

if TYPE_CHECKING:
    from ..models.sheet_audit_read_marks import SheetAuditReadMarks


T = TypeVar("T", bound="SheetAuditRead")


@_attrs_define
class SheetAuditRead:
    """
    Attributes:
        id (UUID):
        judge_id (UUID):
        judge_name (str):
        marks (SheetAuditReadMarks):
        total (None | str):
        status (SheetStatus):
        submitted_at (datetime.datetime | None):
        updated_at (datetime.datetime):
    """

    id: UUID
    judge_id: UUID
    judge_name: str
    marks: SheetAuditReadMarks
    total: None | str
    status: SheetStatus
    submitted_at: datetime.datetime | None
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        judge_id = str(self.judge_id)

        judge_name = self.judge_name

        marks = self.marks.to_dict()

        total: None | str
        total = self.total

        status = self.status.value

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "judge_id": judge_id,
                "judge_name": judge_name,
                "marks": marks,
                "total": total,
                "status": status,
                "submitted_at": submitted_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sheet_audit_read_marks import SheetAuditReadMarks  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        judge_id = UUID(d.pop("judge_id"))

        judge_name = d.pop("judge_name")

        marks = SheetAuditReadMarks.from_dict(d.pop("marks"))

        def _parse_total(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        total = _parse_total(d.pop("total"))

        status = SheetStatus(d.pop("status"))

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        sheet_audit_read = cls(
            id=id,
            judge_id=judge_id,
            judge_name=judge_name,
            marks=marks,
            total=total,
            status=status,
            submitted_at=submitted_at,
            updated_at=updated_at,
        )

        sheet_audit_read.additional_properties = d
        return sheet_audit_read

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
