from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="BankRule")


@_attrs_define
class BankRule:
    """Payouts for enterprises whose region code starts with `region_prefix` go to this bank.

    Attributes:
        region_prefix (str):
        bank_partner_id (UUID):
    """

    region_prefix: str
    bank_partner_id: UUID

    def to_dict(self) -> dict[str, Any]:
        region_prefix = self.region_prefix

        bank_partner_id = str(self.bank_partner_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "region_prefix": region_prefix,
                "bank_partner_id": bank_partner_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        region_prefix = d.pop("region_prefix")

        bank_partner_id = UUID(d.pop("bank_partner_id"))

        bank_rule = cls(
            region_prefix=region_prefix,
            bank_partner_id=bank_partner_id,
        )

        return bank_rule
