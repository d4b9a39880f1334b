from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_format import EventFormat

if TYPE_CHECKING:
    from ..models.public_group import PublicGroup
    from ..models.public_stage import PublicStage


T = TypeVar("T", bound="PublicEvent")


@_attrs_define
class PublicEvent:
    """
    Attributes:
        id (UUID):
        name (str):
        format_ (EventFormat):
        groups (list[PublicGroup]):
        published_stages (list[PublicStage]):
    """

    id: UUID
    name: str
    format_: EventFormat
    groups: list[PublicGroup]
    published_stages: list[PublicStage]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        format_ = self.format_.value

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        published_stages = []
        for published_stages_item_data in self.published_stages:
            published_stages_item = published_stages_item_data.to_dict()
            published_stages.append(published_stages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "format": format_,
                "groups": groups,
                "published_stages": published_stages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_group import PublicGroup  # noqa: PLC0415
        from ..models.public_stage import PublicStage  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        format_ = EventFormat(d.pop("format"))

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = PublicGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        published_stages = []
        _published_stages = d.pop("published_stages")
        for published_stages_item_data in _published_stages:
            published_stages_item = PublicStage.from_dict(published_stages_item_data)

            published_stages.append(published_stages_item)

        public_event = cls(
            id=id,
            name=name,
            format_=format_,
            groups=groups,
            published_stages=published_stages,
        )

        public_event.additional_properties = d
        return public_event

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
