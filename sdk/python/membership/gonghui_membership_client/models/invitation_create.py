from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvitationCreate")


@_attrs_define
class InvitationCreate:
    """
    Attributes:
        expires_in_hours (int | Unset):  Default: 168.
        max_uses (int | None | Unset):
        auto_approve (bool | Unset): Join at once instead of waiting in the approval queue Default: False.
    """

    expires_in_hours: int | Unset = 168
    max_uses: int | None | Unset = UNSET
    auto_approve: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        expires_in_hours = self.expires_in_hours

        max_uses: int | None | Unset
        if isinstance(self.max_uses, Unset):
            max_uses = UNSET
        else:
            max_uses = self.max_uses

        auto_approve = self.auto_approve

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if expires_in_hours is not UNSET:
            field_dict["expires_in_hours"] = expires_in_hours
        if max_uses is not UNSET:
            field_dict["max_uses"] = max_uses
        if auto_approve is not UNSET:
            field_dict["auto_approve"] = auto_approve

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expires_in_hours = d.pop("expires_in_hours", UNSET)

        def _parse_max_uses(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_uses = _parse_max_uses(d.pop("max_uses", UNSET))

        auto_approve = d.pop("auto_approve", UNSET)

        invitation_create = cls(
            expires_in_hours=expires_in_hours,
            max_uses=max_uses,
            auto_approve=auto_approve,
        )

        return invitation_create
