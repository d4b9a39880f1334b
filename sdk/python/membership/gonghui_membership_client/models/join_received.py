from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JoinReceived")


@_attrs_define
class JoinReceived:
    """The same answer whoever the ID number belongs to: the outcome goes by SMS to the
    phone on record, not to whoever holds the poster.

        Attributes:
            org_name (str):
            detail (str | Unset):  Default: 'Application received; the outcome is sent by SMS to the phone on record'.
    """

    org_name: str
    detail: str | Unset = "Application received; the outcome is sent by SMS to the phone on record"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org_name = self.org_name

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org_name": org_name,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        org_name = d.pop("org_name")

        detail = d.pop("detail", UNSET)

        join_received = cls(
            org_name=org_name,
            detail=detail,
        )

        join_received.additional_properties = d
        return join_received

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
