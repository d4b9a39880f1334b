from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MemberEventRead")


@_attrs_define
class MemberEventRead:
    """
    Attributes:
        at (datetime.datetime):
        kind (str):
        from_state (None | str):
        to_state (str):
        org_id (UUID):
        actor (str):
        reason (None | str):
    """

    at: datetime.datetime
    kind: str
    from_state: None | str
    to_state: str
    org_id: UUID
    actor: str
    reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        kind = self.kind

        from_state: None | str
        from_state = self.from_state

        to_state = self.to_state

        org_id = str(self.org_id)

        actor = self.actor

        reason: None | str
        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "kind": kind,
                "from_state": from_state,
                "to_state": to_state,
                "org_id": org_id,
                "actor": actor,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        kind = d.pop("kind")

        def _parse_from_state(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_state = _parse_from_state(d.pop("from_state"))

        to_state = d.pop("to_state")

        org_id = UUID(d.pop("org_id"))

        actor = d.pop("actor")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        member_event_read = cls(
            at=at,
            kind=kind,
            from_state=from_state,
            to_state=to_state,
            org_id=org_id,
            actor=actor,
            reason=reason,
        )

        member_event_read.additional_properties = d
        return member_event_read

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
