from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BankCallbackData")


@_attrs_define
class BankCallbackData:
    """
    Attributes:
        idempotency_key (str):
        bank_reference (None | str | Unset):
        reason (None | str | Unset):
    """

    idempotency_key: str
    bank_reference: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        idempotency_key = self.idempotency_key

        bank_reference: None | str | Unset
        if isinstance(self.bank_reference, Unset):
            bank_reference = UNSET
        else:
            bank_reference = self.bank_reference

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "idempotency_key": idempotency_key,
            }
        )
        if bank_reference is not UNSET:
            field_dict["bank_reference"] = bank_reference
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        idempotency_key = d.pop("idempotency_key")

        def _parse_bank_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bank_reference = _parse_bank_reference(d.pop("bank_reference", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        bank_callback_data = cls(
            idempotency_key=idempotency_key,
            bank_reference=bank_reference,
            reason=reason,
        )

        return bank_callback_data
