from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChainCheck")


@_attrs_define
class ChainCheck:
    """
    Attributes:
        intact (bool):
        events_checked (int):
        checkpoints_checked (int): Checkpoints the chain was held against
        anchored_events (int): Events covered by the newest signed checkpoint
        problem (None | str | Unset): broken-link, differs-from-checkpoint, shorter-than-checkpoint or bad-checkpoint-
            signature
        first_broken_event_id (int | None | Unset):
        first_broken_kind (None | str | Unset):
    """

    intact: bool
    events_checked: int
    checkpoints_checked: int
    anchored_events: int
    problem: None | str | Unset = UNSET
    first_broken_event_id: int | None | Unset = UNSET
    first_broken_kind: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        intact = self.intact

        events_checked = self.events_checked

        checkpoints_checked = self.checkpoints_checked

        anchored_events = self.anchored_events

        problem: None | str | Unset
        if isinstance(self.problem, Unset):
            problem = UNSET
        else:
            problem = self.problem

        first_broken_event_id: int | None | Unset
        if isinstance(self.first_broken_event_id, Unset):
            first_broken_event_id = UNSET
        else:
            first_broken_event_id = self.first_broken_event_id

        first_broken_kind: None | str | Unset
        if isinstance(self.first_broken_kind, Unset):
            first_broken_kind = UNSET
        else:
            first_broken_kind = self.first_broken_kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "intact": intact,
                "events_checked": events_checked,
                "checkpoints_checked": checkpoints_checked,
                "anchored_events": anchored_events,
            }
        )
        if problem is not UNSET:
            field_dict["problem"] = problem
        if first_broken_event_id is not UNSET:
            field_dict["first_broken_event_id"] = first_broken_event_id
        if first_broken_kind is not UNSET:
            field_dict["first_broken_kind"] = first_broken_kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        intact = d.pop("intact")

        events_checked = d.pop("events_checked")

        checkpoints_checked = d.pop("checkpoints_checked")

        anchored_events = d.pop("anchored_events")

        def _parse_problem(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        problem = _parse_problem(d.pop("problem", UNSET))

        def _parse_first_broken_event_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        first_broken_event_id = _parse_first_broken_event_id(d.pop("first_broken_event_id", UNSET))

        def _parse_first_broken_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_broken_kind = _parse_first_broken_kind(d.pop("first_broken_kind", UNSET))

        chain_check = cls(
            intact=intact,
            events_checked=events_checked,
            checkpoints_checked=checkpoints_checked,
            anchored_events=anchored_events,
            problem=problem,
            first_broken_event_id=first_broken_event_id,
            first_broken_kind=first_broken_kind,
        )

        chain_check.additional_properties = d
        return chain_check

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
