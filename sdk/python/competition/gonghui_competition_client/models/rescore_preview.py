from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rescore_change import RescoreChange


T = TypeVar("T", bound="RescorePreview")


@_attrs_define
class RescorePreview:
    """
    Attributes:
        stage_id (UUID):
        changes (list[RescoreChange]): Every rank, score, advance, prize it moves
        fingerprint (str): Send it back to apply exactly this
    """

    stage_id: UUID
    changes: list[RescoreChange]
    fingerprint: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stage_id = str(self.stage_id)

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        fingerprint = self.fingerprint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stage_id": stage_id,
                "changes": changes,
                "fingerprint": fingerprint,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rescore_change import RescoreChange  # noqa: PLC0415

        d = dict(src_dict)
        stage_id = UUID(d.pop("stage_id"))

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = RescoreChange.from_dict(changes_item_data)

            changes.append(changes_item)

        fingerprint = d.pop("fingerprint")

        rescore_preview = cls(
            stage_id=stage_id,
            changes=changes,
            fingerprint=fingerprint,
        )

        rescore_preview.additional_properties = d
        return rescore_preview

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
