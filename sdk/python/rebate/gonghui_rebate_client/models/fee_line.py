from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FeeLine")


@_attrs_define
class FeeLine:
    """
    Attributes:
        record_id (str):
        version (int):
        fee_amount (str):
        paid_at (datetime.datetime):
        payer_account_no_masked (str):
    """

    record_id: str
    version: int
    fee_amount: str
    paid_at: datetime.datetime
    payer_account_no_masked: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        record_id = self.record_id

        version = self.version

        fee_amount = self.fee_amount

        paid_at = self.paid_at.isoformat()

        payer_account_no_masked = self.payer_account_no_masked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "record_id": record_id,
                "version": version,
                "fee_amount": fee_amount,
                "paid_at": paid_at,
                "payer_account_no_masked": payer_account_no_masked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        record_id = d.pop("record_id")

        version = d.pop("version")

        fee_amount = d.pop("fee_amount")

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        payer_account_no_masked = d.pop("payer_account_no_masked")

        fee_line = cls(
            record_id=record_id,
            version=version,
            fee_amount=fee_amount,
            paid_at=paid_at,
            payer_account_no_masked=payer_account_no_masked,
        )

        fee_line.additional_properties = d
        return fee_line

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
