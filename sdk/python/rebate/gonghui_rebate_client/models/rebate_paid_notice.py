from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RebatePaidNotice")


@_attrs_define
class RebatePaidNotice:
    """
    Attributes:
        uscc (str):
        period (str):
        record_ids (list[str]): The partner's records this refund covers
        amount (str): Paid to the enterprise
        set_off (str): Kept back against an earlier overpayment
        paid_at (datetime.datetime):
        bank_reference (None | str):
    """

    uscc: str
    period: str
    record_ids: list[str]
    amount: str
    set_off: str
    paid_at: datetime.datetime
    bank_reference: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uscc = self.uscc

        period = self.period

        record_ids = self.record_ids

        amount = self.amount

        set_off = self.set_off

        paid_at = self.paid_at.isoformat()

        bank_reference: None | str
        bank_reference = self.bank_reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uscc": uscc,
                "period": period,
                "record_ids": record_ids,
                "amount": amount,
                "set_off": set_off,
                "paid_at": paid_at,
                "bank_reference": bank_reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        uscc = d.pop("uscc")

        period = d.pop("period")

        record_ids = cast(list[str], d.pop("record_ids"))

        amount = d.pop("amount")

        set_off = d.pop("set_off")

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        def _parse_bank_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bank_reference = _parse_bank_reference(d.pop("bank_reference"))

        rebate_paid_notice = cls(
            uscc=uscc,
            period=period,
            record_ids=record_ids,
            amount=amount,
            set_off=set_off,
            paid_at=paid_at,
            bank_reference=bank_reference,
        )

        rebate_paid_notice.additional_properties = d
        return rebate_paid_notice

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
