from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.payer_account_in import PayerAccountIn


T = TypeVar("T", bound="FeeRecordIn")


@_attrs_define
class FeeRecordIn:
    """
    Attributes:
        record_id (str):
        uscc (str):
        enterprise_name (str):
        region_code (str):
        period (str):
        payroll_total (str):
        fee_amount (str):
        paid_at (datetime.datetime):
        payer_account (PayerAccountIn):
        tax_office (str):
    """

    record_id: str
    uscc: str
    enterprise_name: str
    region_code: str
    period: str
    payroll_total: str
    fee_amount: str
    paid_at: datetime.datetime
    payer_account: PayerAccountIn
    tax_office: str

    def to_dict(self) -> dict[str, Any]:
        record_id = self.record_id

        uscc = self.uscc

        enterprise_name = self.enterprise_name

        region_code = self.region_code

        period = self.period

        payroll_total = self.payroll_total

        fee_amount = self.fee_amount

        paid_at = self.paid_at.isoformat()

        payer_account = self.payer_account.to_dict()

        tax_office = self.tax_office

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "record_id": record_id,
                "uscc": uscc,
                "enterprise_name": enterprise_name,
                "region_code": region_code,
                "period": period,
                "payroll_total": payroll_total,
                "fee_amount": fee_amount,
                "paid_at": paid_at,
                "payer_account": payer_account,
                "tax_office": tax_office,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payer_account_in import PayerAccountIn  # noqa: PLC0415

        d = dict(src_dict)
        record_id = d.pop("record_id")

        uscc = d.pop("uscc")

        enterprise_name = d.pop("enterprise_name")

        region_code = d.pop("region_code")

        period = d.pop("period")

        payroll_total = d.pop("payroll_total")

        fee_amount = d.pop("fee_amount")

        paid_at = datetime.datetime.fromisoformat(d.pop("paid_at"))

        payer_account = PayerAccountIn.from_dict(d.pop("payer_account"))

        tax_office = d.pop("tax_office")

        fee_record_in = cls(
            record_id=record_id,
            uscc=uscc,
            enterprise_name=enterprise_name,
            region_code=region_code,
            period=period,
            payroll_total=payroll_total,
            fee_amount=fee_amount,
            paid_at=paid_at,
            payer_account=payer_account,
            tax_office=tax_office,
        )

        return fee_record_in
