from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.callback_outcome import CallbackOutcome
from ..models.case_status import CaseStatus
from ..models.payout_status import PayoutStatus

T = TypeVar("T", bound="CallbackResult")


@_attrs_define
class CallbackResult:
    """Every verified answer is kept and acknowledged; `outcome` says what it did.

    Attributes:
        idempotency_key (str):
        outcome (CallbackOutcome):
        payout_status (None | PayoutStatus):
        case_status (CaseStatus | None):
        duplicate (bool): True when this webhook-id was received before
    """

    idempotency_key: str
    outcome: CallbackOutcome
    payout_status: None | PayoutStatus
    case_status: CaseStatus | None
    duplicate: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idempotency_key = self.idempotency_key

        outcome = self.outcome.value

        payout_status: None | str
        if isinstance(self.payout_status, PayoutStatus):
            payout_status = self.payout_status.value
        else:
            payout_status = self.payout_status

        case_status: None | str
        if isinstance(self.case_status, CaseStatus):
            case_status = self.case_status.value
        else:
            case_status = self.case_status

        duplicate = self.duplicate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "idempotency_key": idempotency_key,
                "outcome": outcome,
                "payout_status": payout_status,
                "case_status": case_status,
                "duplicate": duplicate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        idempotency_key = d.pop("idempotency_key")

        outcome = CallbackOutcome(d.pop("outcome"))

        def _parse_payout_status(data: object) -> None | PayoutStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payout_status_type_0 = PayoutStatus(data)

                return payout_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayoutStatus, data)

        payout_status = _parse_payout_status(d.pop("payout_status"))

        def _parse_case_status(data: object) -> CaseStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                case_status_type_0 = CaseStatus(data)

                return case_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseStatus | None, data)

        case_status = _parse_case_status(d.pop("case_status"))

        duplicate = d.pop("duplicate")

        callback_result = cls(
            idempotency_key=idempotency_key,
            outcome=outcome,
            payout_status=payout_status,
            case_status=case_status,
            duplicate=duplicate,
        )

        callback_result.additional_properties = d
        return callback_result

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
