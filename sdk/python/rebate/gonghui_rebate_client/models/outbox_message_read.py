from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outbox_message_read_status import OutboxMessageReadStatus

if TYPE_CHECKING:
    from ..models.outbox_message_read_payload import OutboxMessageReadPayload


T = TypeVar("T", bound="OutboxMessageRead")


@_attrs_define
class OutboxMessageRead:
    """A queued outbound delivery; payloads hold ids and amounts, never account numbers.

    Attributes:
        id (int):
        topic (str):
        message_key (str):
        payload (OutboxMessageReadPayload):
        status (OutboxMessageReadStatus):
        attempts (int):
        next_attempt_at (datetime.datetime):
        last_error (None | str):
        created_at (datetime.datetime):
        delivered_at (datetime.datetime | None):
    """

    id: int
    topic: str
    message_key: str
    payload: OutboxMessageReadPayload
    status: OutboxMessageReadStatus
    attempts: int
    next_attempt_at: datetime.datetime
    last_error: None | str
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        topic = self.topic

        message_key = self.message_key

        payload = self.payload.to_dict()

        status = self.status.value

        attempts = self.attempts

        next_attempt_at = self.next_attempt_at.isoformat()

        last_error: None | str
        last_error = self.last_error

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "topic": topic,
                "message_key": message_key,
                "payload": payload,
                "status": status,
                "attempts": attempts,
                "next_attempt_at": next_attempt_at,
                "last_error": last_error,
                "created_at": created_at,
                "delivered_at": delivered_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.outbox_message_read_payload import OutboxMessageReadPayload  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        topic = d.pop("topic")

        message_key = d.pop("message_key")

        payload = OutboxMessageReadPayload.from_dict(d.pop("payload"))

        status = OutboxMessageReadStatus(d.pop("status"))

        attempts = d.pop("attempts")

        next_attempt_at = datetime.datetime.fromisoformat(d.pop("next_attempt_at"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        outbox_message_read = cls(
            id=id,
            topic=topic,
            message_key=message_key,
            payload=payload,
            status=status,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            last_error=last_error,
            created_at=created_at,
            delivered_at=delivered_at,
        )

        outbox_message_read.additional_properties = d
        return outbox_message_read

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
