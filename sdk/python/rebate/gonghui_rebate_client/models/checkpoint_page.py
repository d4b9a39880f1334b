from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.checkpoint_page_retired_keys import CheckpointPageRetiredKeys
    from ..models.checkpoint_read import CheckpointRead


T = TypeVar("T", bound="CheckpointPage")


@_attrs_define
class CheckpointPage:
    """
    Attributes:
        items (list[CheckpointRead]):
        key_id (str):
        public_key (str): The raw 32-byte public key, base64
        retired_keys (CheckpointPageRetiredKeys): Public keys of rotated-out signing keys by key id; older checkpoints
            name them
        next_cursor (None | str | Unset):
        algorithm (str | Unset):  Default: 'Ed25519'.
    """

    items: list[CheckpointRead]
    key_id: str
    public_key: str
    retired_keys: CheckpointPageRetiredKeys
    next_cursor: None | str | Unset = UNSET
    algorithm: str | Unset = "Ed25519"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        key_id = self.key_id

        public_key = self.public_key

        retired_keys = self.retired_keys.to_dict()

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        algorithm = self.algorithm

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "key_id": key_id,
                "public_key": public_key,
                "retired_keys": retired_keys,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor
        if algorithm is not UNSET:
            field_dict["algorithm"] = algorithm

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checkpoint_page_retired_keys import CheckpointPageRetiredKeys  # noqa: PLC0415
        from ..models.checkpoint_read import CheckpointRead  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CheckpointRead.from_dict(items_item_data)

            items.append(items_item)

        key_id = d.pop("key_id")

        public_key = d.pop("public_key")

        retired_keys = CheckpointPageRetiredKeys.from_dict(d.pop("retired_keys"))

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        algorithm = d.pop("algorithm", UNSET)

        checkpoint_page = cls(
            items=items,
            key_id=key_id,
            public_key=public_key,
            retired_keys=retired_keys,
            next_cursor=next_cursor,
            algorithm=algorithm,
        )

        checkpoint_page.additional_properties = d
        return checkpoint_page

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
