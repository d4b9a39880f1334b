from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.aggregation import Aggregation
from ..models.event_format import EventFormat

if TYPE_CHECKING:
    from ..models.eligibility_read import EligibilityRead
    from ..models.group_read import GroupRead
    from ..models.rubric_output import RubricOutput
    from ..models.stage_read import StageRead


T = TypeVar("T", bound="EventRead")


@_attrs_define
class EventRead:
    """
    Attributes:
        id (UUID):
        competition_id (UUID):
        name (str):
        format_ (EventFormat):
        team_size (int | None):
        vocational (bool):
        rubric (RubricOutput):
        aggregation (Aggregation):
        trim_min_judges (int):
        judges_per_entry (int):
        spread_threshold (None | str):
        eligibility (EligibilityRead):
        groups (list[GroupRead]):
        stages (list[StageRead]):
    """

    id: UUID
    competition_id: UUID
    name: str
    format_: EventFormat
    team_size: int | None
    vocational: bool
    rubric: RubricOutput
    aggregation: Aggregation
    trim_min_judges: int
    judges_per_entry: int
    spread_threshold: None | str
    eligibility: EligibilityRead
    groups: list[GroupRead]
    stages: list[StageRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        competition_id = str(self.competition_id)

        name = self.name

        format_ = self.format_.value

        team_size: int | None
        team_size = self.team_size

        vocational = self.vocational

        rubric = self.rubric.to_dict()

        aggregation = self.aggregation.value

        trim_min_judges = self.trim_min_judges

        judges_per_entry = self.judges_per_entry

        spread_threshold: None | str
        spread_threshold = self.spread_threshold

        eligibility = self.eligibility.to_dict()

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        stages = []
        for stages_item_data in self.stages:
            stages_item = stages_item_data.to_dict()
            stages.append(stages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "competition_id": competition_id,
                "name": name,
                "format": format_,
                "team_size": team_size,
                "vocational": vocational,
                "rubric": rubric,
                "aggregation": aggregation,
                "trim_min_judges": trim_min_judges,
                "judges_per_entry": judges_per_entry,
                "spread_threshold": spread_threshold,
                "eligibility": eligibility,
                "groups": groups,
                "stages": stages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.eligibility_read import EligibilityRead  # noqa: PLC0415
        from ..models.group_read import GroupRead  # noqa: PLC0415
        from ..models.rubric_output import RubricOutput  # noqa: PLC0415
        from ..models.stage_read import StageRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        competition_id = UUID(d.pop("competition_id"))

        name = d.pop("name")

        format_ = EventFormat(d.pop("format"))

        def _parse_team_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_size = _parse_team_size(d.pop("team_size"))

        vocational = d.pop("vocational")

        rubric = RubricOutput.from_dict(d.pop("rubric"))

        aggregation = Aggregation(d.pop("aggregation"))

        trim_min_judges = d.pop("trim_min_judges")

        judges_per_entry = d.pop("judges_per_entry")

        def _parse_spread_threshold(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        spread_threshold = _parse_spread_threshold(d.pop("spread_threshold"))

        eligibility = EligibilityRead.from_dict(d.pop("eligibility"))

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = GroupRead.from_dict(groups_item_data)

            groups.append(groups_item)

        stages = []
        _stages = d.pop("stages")
        for stages_item_data in _stages:
            stages_item = StageRead.from_dict(stages_item_data)

            stages.append(stages_item)

        event_read = cls(
            id=id,
            competition_id=competition_id,
            name=name,
            format_=format_,
            team_size=team_size,
            vocational=vocational,
            rubric=rubric,
            aggregation=aggregation,
            trim_min_judges=trim_min_judges,
            judges_per_entry=judges_per_entry,
            spread_threshold=spread_threshold,
            eligibility=eligibility,
            groups=groups,
            stages=stages,
        )

        event_read.additional_properties = d
        return event_read

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
