from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.destination import Destination
from ..models.payout_status import PayoutStatus

T = TypeVar("T", bound="PayoutRead")


@_attrs_define
class PayoutRead:
    """A payout as anyone may see it: the account number only masked.

    Attributes:
        id (UUID):
        case_id (UUID):
        attempt (int):
        idempotency_key (str):
        destination (Destination):
        bank_name (str):
        account_name (str):
        account_no_masked (str):
        amount (str):
        status (PayoutStatus):
        bank_reference (None | str):
        failure_reason (None | str):
        created_at (datetime.datetime):
        settled_at (datetime.datetime | None):
    """

    id: UUID
    case_id: UUID
    attempt: int
    idempotency_key: str
    destination: Destination
    bank_name: str
    account_name: str
    account_no_masked: str
    amount: str
    status: PayoutStatus
    bank_reference: None | str
    failure_reason: None | str
    created_at: datetime.datetime
    settled_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        case_id = str(self.case_id)

        attempt = self.attempt

        idempotency_key = self.idempotency_key

        destination = self.destination.value

        bank_name = self.bank_name

        account_name = self.account_name

        account_no_masked = self.account_no_masked

        amount = self.amount

        status = self.status.value

        bank_reference: None | str
        bank_reference = self.bank_reference

        failure_reason: None | str
        failure_reason = self.failure_reason

        created_at = self.created_at.isoformat()

        settled_at: None | str
        if isinstance(self.settled_at, datetime.datetime):
            settled_at = self.settled_at.isoformat()
        else:
            settled_at = self.settled_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case_id": case_id,
                "attempt": attempt,
                "idempotency_key": idempotency_key,
                "destination": destination,
                "bank_name": bank_name,
                "account_name": account_name,
                "account_no_masked": account_no_masked,
                "amount": amount,
                "status": status,
                "bank_reference": bank_reference,
                "failure_reason": failure_reason,
                "created_at": created_at,
                "settled_at": settled_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        case_id = UUID(d.pop("case_id"))

        attempt = d.pop("attempt")

        idempotency_key = d.pop("idempotency_key")

        destination = Destination(d.pop("destination"))

        bank_name = d.pop("bank_name")

        account_name = d.pop("account_name")

        account_no_masked = d.pop("account_no_masked")

        amount = d.pop("amount")

        status = PayoutStatus(d.pop("status"))

        def _parse_bank_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bank_reference = _parse_bank_reference(d.pop("bank_reference"))

        def _parse_failure_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_reason = _parse_failure_reason(d.pop("failure_reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_settled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                settled_at_type_0 = datetime.datetime.fromisoformat(data)

                return settled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        settled_at = _parse_settled_at(d.pop("settled_at"))

        payout_read = cls(
            id=id,
            case_id=case_id,
            attempt=attempt,
            idempotency_key=idempotency_key,
            destination=destination,
            bank_name=bank_name,
            account_name=account_name,
            account_no_masked=account_no_masked,
            amount=amount,
            status=status,
            bank_reference=bank_reference,
            failure_reason=failure_reason,
            created_at=created_at,
            settled_at=settled_at,
        )

        payout_read.additional_properties = d
        return payout_read

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
