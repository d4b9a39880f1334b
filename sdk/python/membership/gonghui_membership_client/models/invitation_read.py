from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InvitationRead")


@_attrs_define
class InvitationRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        code (str):
        join_url (str):
        expires_at (datetime.datetime):
        max_uses (int | None):
        use_count (int):
        auto_approve (bool):
        revoked_at (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    code: str
    join_url: str
    expires_at: datetime.datetime
    max_uses: int | None
    use_count: int
    auto_approve: bool
    revoked_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        code = self.code

        join_url = self.join_url

        expires_at = self.expires_at.isoformat()

        max_uses: int | None
        max_uses = self.max_uses

        use_count = self.use_count

        auto_approve = self.auto_approve

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "code": code,
                "join_url": join_url,
                "expires_at": expires_at,
                "max_uses": max_uses,
                "use_count": use_count,
                "auto_approve": auto_approve,
                "revoked_at": revoked_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        code = d.pop("code")

        join_url = d.pop("join_url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_max_uses(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_uses = _parse_max_uses(d.pop("max_uses"))

        use_count = d.pop("use_count")

        auto_approve = d.pop("auto_approve")

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        invitation_read = cls(
            id=id,
            org_id=org_id,
            code=code,
            join_url=join_url,
            expires_at=expires_at,
            max_uses=max_uses,
            use_count=use_count,
            auto_approve=auto_approve,
            revoked_at=revoked_at,
            created_at=created_at,
        )

        invitation_read.additional_properties = d
        return invitation_read

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
