from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FeeVoidIn")


@_attrs_define
class FeeVoidIn:
    """A payment the partner takes back in full (`fee.voided`).

    Attributes:
        record_id (str):
        reason (None | str | Unset):
    """

    record_id: str
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        record_id = self.record_id

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "record_id": record_id,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        record_id = d.pop("record_id")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        fee_void_in = cls(
            record_id=record_id,
            reason=reason,
        )

        return fee_void_in
