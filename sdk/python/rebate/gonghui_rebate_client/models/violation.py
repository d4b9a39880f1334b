from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.violation_invariant import ViolationInvariant

T = TypeVar("T", bound="Violation")


@_attrs_define
class Violation:
    """
    Attributes:
        invariant (ViolationInvariant): trial_balance: the ledger balances; placement: each current fee record in at
            most one case or open queue entry, and in one (or dismissed by a person) once its enterprise has a live case or
            a finished run passed over it; refund_due: granted plus under review equals the refund due, never above
            collected; payout_once: no payout paid twice; payout_as_instructed: a payout's amount is the one its instruction
            put on the audit chain and its payment on the ledger; granted_as_approved: a granted case's refund and set-off
            are what its last approval booked, less reductions since; paid_as_granted: a paid case's payments and set-off
            equal what was granted plus what is owed back; receivable_explained: each overpayment owed back comes from a
            contradictory bank answer or a reduction, and no enterprise has more set off than it owed; audit_chain: the
            audit chain verifies
        uscc (None | str):
        period (None | str):
        case_id (None | UUID):
        fee_record_id (None | UUID):
        payout_id (None | UUID):
        detail (str):
    """

    invariant: ViolationInvariant
    uscc: None | str
    period: None | str
    case_id: None | UUID
    fee_record_id: None | UUID
    payout_id: None | UUID
    detail: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invariant = self.invariant.value

        uscc: None | str
        uscc = self.uscc

        period: None | str
        period = self.period

        case_id: None | str
        if isinstance(self.case_id, UUID):
            case_id = str(self.case_id)
        else:
            case_id = self.case_id

        fee_record_id: None | str
        if isinstance(self.fee_record_id, UUID):
            fee_record_id = str(self.fee_record_id)
        else:
            fee_record_id = self.fee_record_id

        payout_id: None | str
        if isinstance(self.payout_id, UUID):
            payout_id = str(self.payout_id)
        else:
            payout_id = self.payout_id

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "invariant": invariant,
                "uscc": uscc,
                "period": period,
                "case_id": case_id,
                "fee_record_id": fee_record_id,
                "payout_id": payout_id,
                "detail": detail,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invariant = ViolationInvariant(d.pop("invariant"))

        def _parse_uscc(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        uscc = _parse_uscc(d.pop("uscc"))

        def _parse_period(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        period = _parse_period(d.pop("period"))

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

        detail = d.pop("detail")

        violation = cls(
            invariant=invariant,
            uscc=uscc,
            period=period,
            case_id=case_id,
            fee_record_id=fee_record_id,
            payout_id=payout_id,
            detail=detail,
        )

        violation.additional_properties = d
        return violation

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
