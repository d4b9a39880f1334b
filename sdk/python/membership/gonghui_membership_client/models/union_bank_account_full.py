from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnionBankAccountFull")


@_attrs_define
class UnionBankAccountFull:
    """The account in clear, for the rebate service to instruct a payout; nobody else.

    Attributes:
        bank_name (str):
        account_name (str):
        account_no (str):
    """

    bank_name: str
    account_name: str
    account_no: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bank_name = self.bank_name

        account_name = self.account_name

        account_no = self.account_no

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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

        union_bank_account_full = cls(
            bank_name=bank_name,
            account_name=account_name,
            account_no=account_no,
        )

        union_bank_account_full.additional_properties = d
        return union_bank_account_full

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
