from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.exception_reason import ExceptionReason
from ..models.resolution import Resolution

T = TypeVar("T", bound="ExceptionRead")


@_attrs_define
class ExceptionRead:
    """
    Attributes:
        id (UUID):
        run_id (None | UUID):
        fee_record_id (None | UUID):
        case_id (None | UUID):
        payout_id (None | UUID):
        uscc (str):
        period (str):
        reason (ExceptionReason):
        detail (None | str):
        resolved_at (datetime.datetime | None):
        resolution (None | Resolution):
        resolved_by (None | str):
        resolution_note (None | str):
    """

    id: UUID
    run_id: None | UUID
    fee_record_id: None | UUID
    case_id: None | UUID
    payout_id: None | UUID
    uscc: str
    period: str
    reason: ExceptionReason
    detail: None | str
    resolved_at: datetime.datetime | None
    resolution: None | Resolution
    resolved_by: None | str
    resolution_note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        run_id: None | str
        if isinstance(self.run_id, UUID):
            run_id = str(self.run_id)
        else:
            run_id = self.run_id

        fee_record_id: None | str
        if isinstance(self.fee_record_id, UUID):
            fee_record_id = str(self.fee_record_id)
        else:
            fee_record_id = self.fee_record_id

        case_id: None | str
        if isinstance(self.case_id, UUID):
            case_id = str(self.case_id)
        else:
            case_id = self.case_id

        payout_id: None | str
        if isinstance(self.payout_id, UUID):
            payout_id = str(self.payout_id)
        else:
            payout_id = self.payout_id

        uscc = self.uscc

        period = self.period

        reason = self.reason.value

        detail: None | str
        detail = self.detail

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        resolution: None | str
        if isinstance(self.resolution, Resolution):
            resolution = self.resolution.value
        else:
            resolution = self.resolution

        resolved_by: None | str
        resolved_by = self.resolved_by

        resolution_note: None | str
        resolution_note = self.resolution_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "run_id": run_id,
                "fee_record_id": fee_record_id,
                "case_id": case_id,
                "payout_id": payout_id,
                "uscc": uscc,
                "period": period,
                "reason": reason,
                "detail": detail,
                "resolved_at": resolved_at,
                "resolution": resolution,
                "resolved_by": resolved_by,
                "resolution_note": resolution_note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_run_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                run_id_type_0 = UUID(data)

                return run_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        run_id = _parse_run_id(d.pop("run_id"))

        def _parse_fee_record_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fee_record_id_type_0 = UUID(data)

                return fee_record_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        fee_record_id = _parse_fee_record_id(d.pop("fee_record_id"))

        def _parse_case_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                case_id_type_0 = UUID(data)

                return case_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        case_id = _parse_case_id(d.pop("case_id"))

        def _parse_payout_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payout_id_type_0 = UUID(data)

                return payout_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        payout_id = _parse_payout_id(d.pop("payout_id"))

        uscc = d.pop("uscc")

        period = d.pop("period")

        reason = ExceptionReason(d.pop("reason"))

        def _parse_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        detail = _parse_detail(d.pop("detail"))

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

        def _parse_resolution(data: object) -> None | Resolution:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_type_0 = Resolution(data)

                return resolution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Resolution, data)

        resolution = _parse_resolution(d.pop("resolution"))

        def _parse_resolved_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolved_by = _parse_resolved_by(d.pop("resolved_by"))

        def _parse_resolution_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolution_note = _parse_resolution_note(d.pop("resolution_note"))

        exception_read = cls(
            id=id,
            run_id=run_id,
            fee_record_id=fee_record_id,
            case_id=case_id,
            payout_id=payout_id,
            uscc=uscc,
            period=period,
            reason=reason,
            detail=detail,
            resolved_at=resolved_at,
            resolution=resolution,
            resolved_by=resolved_by,
            resolution_note=resolution_note,
        )

        exception_read.additional_properties = d
        return exception_read

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
