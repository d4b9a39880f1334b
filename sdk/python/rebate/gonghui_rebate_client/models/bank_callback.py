from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.bank_callback_type import BankCallbackType

if TYPE_CHECKING:
    from ..models.bank_callback_data import BankCallbackData


T = TypeVar("T", bound="BankCallback")


@_attrs_define
class BankCallback:
    """The body of a bank's `payout.paid` / `payout.failed` webhook.

    Attributes:
        type_ (BankCallbackType):
        timestamp (datetime.datetime):
        data (BankCallbackData):
    """

    type_: BankCallbackType
    timestamp: datetime.datetime
    data: BankCallbackData

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        timestamp = self.timestamp.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "timestamp": timestamp,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bank_callback_data import BankCallbackData  # noqa: PLC0415

        d = dict(src_dict)
        type_ = BankCallbackType(d.pop("type"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        data = BankCallbackData.from_dict(d.pop("data"))

        bank_callback = cls(
            type_=type_,
            timestamp=timestamp,
            data=data,
        )

        return bank_callback
