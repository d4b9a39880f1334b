from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.partner_kind import PartnerKind

T = TypeVar("T", bound="PartnerRead")


@_attrs_define
class PartnerRead:
    """
    Attributes:
        id (UUID):
        name (str):
        kind (PartnerKind):
        webhook_url (None | str):
        is_active (bool):
        region_prefixes (list[str]):
        created_at (datetime.datetime):
    """

    id: UUID
    name: str
    kind: PartnerKind
    webhook_url: None | str
    is_active: bool
    region_prefixes: list[str]
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        kind = self.kind.value

        webhook_url: None | str
        webhook_url = self.webhook_url

        is_active = self.is_active

        region_prefixes = self.region_prefixes

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "kind": kind,
                "webhook_url": webhook_url,
                "is_active": is_active,
                "region_prefixes": region_prefixes,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        kind = PartnerKind(d.pop("kind"))

        def _parse_webhook_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        webhook_url = _parse_webhook_url(d.pop("webhook_url"))

        is_active = d.pop("is_active")

        region_prefixes = cast(list[str], d.pop("region_prefixes"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        partner_read = cls(
            id=id,
            name=name,
            kind=kind,
            webhook_url=webhook_url,
            is_active=is_active,
            region_prefixes=region_prefixes,
            created_at=created_at,
        )

        partner_read.additional_properties = d
        return partner_read

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
