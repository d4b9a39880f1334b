from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PayerAccountIn")


@_attrs_define
class PayerAccountIn:
    """
    Attributes:
        bank (str):
        account_no (str):
        account_name (str):
    """

    bank: str
    account_no: str
    account_name: str

    def to_dict(self) -> dict[str, Any]:
        bank = self.bank

        account_no = self.account_no

        account_name = self.account_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bank": bank,
                "account_no": account_no,
                "account_name": account_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bank = d.pop("bank")

        account_no = d.pop("account_no")

        account_name = d.pop("account_name")

        payer_account_in = cls(
            bank=bank,
            account_no=account_no,
            account_name=account_name,
        )

        return payer_account_in
