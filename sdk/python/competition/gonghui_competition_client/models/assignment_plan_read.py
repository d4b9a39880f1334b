from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.judge_load import JudgeLoad


T = TypeVar("T", bound="AssignmentPlanRead")


@_attrs_define
class AssignmentPlanRead:
    """
    Attributes:
        entries (int): Entries competing in the stage
        added (int): Assignments made by this run
        short (list[str]): Codes of entries that lack judges without a conflict: seat more judges
        load (list[JudgeLoad]):
    """

    entries: int
    added: int
    short: list[str]
    load: list[JudgeLoad]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entries = self.entries

        added = self.added

        short = self.short

        load = []
        for load_item_data in self.load:
            load_item = load_item_data.to_dict()
            load.append(load_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entries": entries,
                "added": added,
                "short": short,
                "load": load,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.judge_load import JudgeLoad  # noqa: PLC0415

        d = dict(src_dict)
        entries = d.pop("entries")

        added = d.pop("added")

        short = cast(list[str], d.pop("short"))

        load = []
        _load = d.pop("load")
        for load_item_data in _load:
            load_item = JudgeLoad.from_dict(load_item_data)

            load.append(load_item)

        assignment_plan_read = cls(
            entries=entries,
            added=added,
            short=short,
            load=load,
        )

        assignment_plan_read.additional_properties = d
        return assignment_plan_read

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
