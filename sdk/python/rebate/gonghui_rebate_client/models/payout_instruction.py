from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.payee_account import PayeeAccount


T = TypeVar("T", bound="PayoutInstruction")


@_attrs_define
class PayoutInstruction:
    """
    Attributes:
        idempotency_key (str): The bank pays a key at most once
        payout_id (str):
        amount (str): Decimal string with two places
        currency (Literal['CNY']):
        account (PayeeAccount):
        remittance (str):
    """

    idempotency_key: str
    payout_id: str
    amount: str
    currency: Literal["CNY"]
    account: PayeeAccount
    remittance: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idempotency_key = self.idempotency_key

        payout_id = self.payout_id

        amount = self.amount

        currency = self.currency

        account = self.account.to_dict()

        remittance = self.remittance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "idempotency_key": idempotency_key,
                "payout_id": payout_id,
                "amount": amount,
                "currency": currency,
                "account": account,
                "remittance": remittance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payee_account import PayeeAccount  # noqa: PLC0415

        d = dict(src_dict)
        idempotency_key = d.pop("idempotency_key")

        payout_id = d.pop("payout_id")

        amount = d.pop("amount")

        currency = cast(Literal["CNY"], d.pop("currency"))
        if currency != "CNY":
            raise ValueError(f"currency must match const 'CNY', got '{currency}'")

        account = PayeeAccount.from_dict(d.pop("account"))

        remittance = d.pop("remittance")

        payout_instruction = cls(
            idempotency_key=idempotency_key,
            payout_id=payout_id,
            amount=amount,
            currency=currency,
            account=account,
            remittance=remittance,
        )

        payout_instruction.additional_properties = d
        return payout_instruction

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
