from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage_kind import StageKind
from ..models.stage_status import StageStatus

if TYPE_CHECKING:
    from ..models.judge_entry_read import JudgeEntryRead
    from ..models.rubric_output import RubricOutput


T = TypeVar("T", bound="JudgeStageDetail")


@_attrs_define
class JudgeStageDetail:
    """
    Attributes:
        stage_id (UUID):
        competition_id (UUID):
        competition_name (str):
        event_name (str):
        kind (StageKind):
        status (StageStatus):
        assigned (int):
        submitted (int):
        rubric (RubricOutput):
        entries (list[JudgeEntryRead]):
    """

    stage_id: UUID
    competition_id: UUID
    competition_name: str
    event_name: str
    kind: StageKind
    status: StageStatus
    assigned: int
    submitted: int
    rubric: RubricOutput
    entries: list[JudgeEntryRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stage_id = str(self.stage_id)

        competition_id = str(self.competition_id)

        competition_name = self.competition_name

        event_name = self.event_name

        kind = self.kind.value

        status = self.status.value

        assigned = self.assigned

        submitted = self.submitted

        rubric = self.rubric.to_dict()

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stage_id": stage_id,
                "competition_id": competition_id,
                "competition_name": competition_name,
                "event_name": event_name,
                "kind": kind,
                "status": status,
                "assigned": assigned,
                "submitted": submitted,
                "rubric": rubric,
                "entries": entries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.judge_entry_read import JudgeEntryRead  # noqa: PLC0415
        from ..models.rubric_output import RubricOutput  # noqa: PLC0415

        d = dict(src_dict)
        stage_id = UUID(d.pop("stage_id"))

        competition_id = UUID(d.pop("competition_id"))

        competition_name = d.pop("competition_name")

        event_name = d.pop("event_name")

        kind = StageKind(d.pop("kind"))

        status = StageStatus(d.pop("status"))

        assigned = d.pop("assigned")

        submitted = d.pop("submitted")

        rubric = RubricOutput.from_dict(d.pop("rubric"))

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = JudgeEntryRead.from_dict(entries_item_data)

            entries.append(entries_item)

        judge_stage_detail = cls(
            stage_id=stage_id,
            competition_id=competition_id,
            competition_name=competition_name,
            event_name=event_name,
            kind=kind,
            status=status,
            assigned=assigned,
            submitted=submitted,
            rubric=rubric,
            entries=entries,
        )

        judge_stage_detail.additional_properties = d
        return judge_stage_detail

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
