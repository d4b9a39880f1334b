from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnionBankAccountRead")


@_attrs_define
class UnionBankAccountRead:
    """
    Attributes:
        bank_name (str):
        account_name (str):
        account_no_masked (str):
    """

    bank_name: str
    account_name: str
    account_no_masked: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bank_name = self.bank_name

        account_name = self.account_name

        account_no_masked = self.account_no_masked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bank_name": bank_name,
                "account_name": account_name,
                "account_no_masked": account_no_masked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bank_name = d.pop("bank_name")

        account_name = d.pop("account_name")

        account_no_masked = d.pop("account_no_masked")

        union_bank_account_read = cls(
            bank_name=bank_name,
            account_name=account_name,
            account_no_masked=account_no_masked,
        )

        union_bank_account_read.additional_properties = d
        return union_bank_account_read

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
