from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PartnerUpdate")


@_attrs_define
class PartnerUpdate:
    """
    Attributes:
        name (str | Unset):
        webhook_url (None | str | Unset): `null` removes it
        is_active (bool | Unset):
        region_prefixes (list[str] | Unset): A tax partner's regions: the beginnings of the region codes of the records
            it may send (`35`: all of Fujian; `350102`: one county). A record of another region is refused. Banks have none:
            policies choose banks.
    """

    name: str | Unset = UNSET
    webhook_url: None | str | Unset = UNSET
    is_active: bool | Unset = UNSET
    region_prefixes: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        webhook_url: None | str | Unset
        if isinstance(self.webhook_url, Unset):
            webhook_url = UNSET
        else:
            webhook_url = self.webhook_url

        is_active = self.is_active

        region_prefixes: list[str] | Unset = UNSET
        if not isinstance(self.region_prefixes, Unset):
            region_prefixes = self.region_prefixes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if region_prefixes is not UNSET:
            field_dict["region_prefixes"] = region_prefixes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        def _parse_webhook_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_url = _parse_webhook_url(d.pop("webhook_url", UNSET))

        is_active = d.pop("is_active", UNSET)

        region_prefixes = cast(list[str], d.pop("region_prefixes", UNSET))

        partner_update = cls(
            name=name,
            webhook_url=webhook_url,
            is_active=is_active,
            region_prefixes=region_prefixes,
        )

        return partner_update
