from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.member_affiliation_read import MemberAffiliationRead
    from ..models.member_event_read import MemberEventRead


T = TypeVar("T", bound="MemberHistory")


@_attrs_define
class MemberHistory:
    """
    Attributes:
        affiliations (list[MemberAffiliationRead]):
        events (list[MemberEventRead]):
    """

    affiliations: list[MemberAffiliationRead]
    events: list[MemberEventRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        affiliations = []
        for affiliations_item_data in self.affiliations:
            affiliations_item = affiliations_item_data.to_dict()
            affiliations.append(affiliations_item)

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "affiliations": affiliations,
                "events": events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_affiliation_read import MemberAffiliationRead  # noqa: PLC0415
        from ..models.member_event_read import MemberEventRead  # noqa: PLC0415

        d = dict(src_dict)
        affiliations = []
        _affiliations = d.pop("affiliations")
        for affiliations_item_data in _affiliations:
            affiliations_item = MemberAffiliationRead.from_dict(affiliations_item_data)

            affiliations.append(affiliations_item)

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = MemberEventRead.from_dict(events_item_data)

            events.append(events_item)

        member_history = cls(
            affiliations=affiliations,
            events=events,
        )

        member_history.additional_properties = d
        return member_history

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
