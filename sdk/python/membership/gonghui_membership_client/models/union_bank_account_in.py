from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UnionBankAccountIn")


@_attrs_define
class UnionBankAccountIn:
    """
    Attributes:
        bank_name (str):
        account_name (str):
        account_no (str): 8-30 digits; spaces are ignored. Stored encrypted, only ever shown masked
    """

    bank_name: str
    account_name: str
    account_no: str

    def to_dict(self) -> dict[str, Any]:
        bank_name = self.bank_name

        account_name = self.account_name

        account_no = self.account_no

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bank_name": bank_name,
                "account_name": account_name,
                "account_no": account_no,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bank_name = d.pop("bank_name")

        account_name = d.pop("account_name")

        account_no = d.pop("account_no")

        union_bank_account_in = cls(
            bank_name=bank_name,
            account_name=account_name,
            account_no=account_no,
        )

        return union_bank_account_in
