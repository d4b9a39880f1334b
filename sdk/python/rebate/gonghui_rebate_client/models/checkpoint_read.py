from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CheckpointRead")


@_attrs_define
class CheckpointRead:
    """
    Attributes:
        id (int):
        event_count (int):
        head_hash (str):
        at (str): As signed: ISO 8601, UTC, microseconds
        key_id (str):
        signature (str): Ed25519 over `statement`, base64
        statement (str): The exact signed text
    """

    id: int
    event_count: int
    head_hash: str
    at: str
    key_id: str
    signature: str
    statement: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        event_count = self.event_count

        head_hash = self.head_hash

        at = self.at

        key_id = self.key_id

        signature = self.signature

        statement = self.statement

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "event_count": event_count,
                "head_hash": head_hash,
                "at": at,
                "key_id": key_id,
                "signature": signature,
                "statement": statement,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        event_count = d.pop("event_count")

        head_hash = d.pop("head_hash")

        at = d.pop("at")

        key_id = d.pop("key_id")

        signature = d.pop("signature")

        statement = d.pop("statement")

        checkpoint_read = cls(
            id=id,
            event_count=event_count,
            head_hash=head_hash,
            at=at,
            key_id=key_id,
            signature=signature,
            statement=statement,
        )

        checkpoint_read.additional_properties = d
        return checkpoint_read

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
