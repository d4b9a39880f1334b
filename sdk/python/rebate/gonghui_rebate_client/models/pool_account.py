from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PoolAccount")


@_attrs_define
class PoolAccount:
    """
    Attributes:
        bank (str):
        account_name (str):
        account_no (str):
    """

    bank: str
    account_name: str
    account_no: str

    def to_dict(self) -> dict[str, Any]:
        bank = self.bank

        account_name = self.account_name

        account_no = self.account_no

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bank": bank,
                "account_name": account_name,
                "account_no": account_no,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bank = d.pop("bank")

        account_name = d.pop("account_name")

        account_no = d.pop("account_no")

        pool_account = cls(
            bank=bank,
            account_name=account_name,
            account_no=account_no,
        )

        return pool_account
