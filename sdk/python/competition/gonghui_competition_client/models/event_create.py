from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.aggregation import Aggregation
from ..models.event_format import EventFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.eligibility_in import EligibilityIn
    from ..models.group_in import GroupIn
    from ..models.rubric_input import RubricInput
    from ..models.stage_in import StageIn


T = TypeVar("T", bound="EventCreate")


@_attrs_define
class EventCreate:
    """
    Attributes:
        name (str):
        format_ (EventFormat):
        rubric (RubricInput):
        judges_per_entry (int):
        groups (list[GroupIn]):
        stages (list[StageIn]):
        team_size (int | None | Unset):
        vocational (bool | None | Unset): Winners become Technical Experts; default: a skills contest
        aggregation (Aggregation | Unset):
        trim_min_judges (int | Unset): Judges needed before highest and lowest are dropped Default: 5.
        spread_threshold (int | None | str | Unset): Highest minus lowest total above this flags for review
        eligibility (EligibilityIn | Unset):
    """

    name: str
    format_: EventFormat
    rubric: RubricInput
    judges_per_entry: int
    groups: list[GroupIn]
    stages: list[StageIn]
    team_size: int | None | Unset = UNSET
    vocational: bool | None | Unset = UNSET
    aggregation: Aggregation | Unset = UNSET
    trim_min_judges: int | Unset = 5
    spread_threshold: int | None | str | Unset = UNSET
    eligibility: EligibilityIn | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        format_ = self.format_.value

        rubric = self.rubric.to_dict()

        judges_per_entry = self.judges_per_entry

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        stages = []
        for stages_item_data in self.stages:
            stages_item = stages_item_data.to_dict()
            stages.append(stages_item)

        team_size: int | None | Unset
        if isinstance(self.team_size, Unset):
            team_size = UNSET
        else:
            team_size = self.team_size

        vocational: bool | None | Unset
        if isinstance(self.vocational, Unset):
            vocational = UNSET
        else:
            vocational = self.vocational

        aggregation: str | Unset = UNSET
        if not isinstance(self.aggregation, Unset):
            aggregation = self.aggregation.value

        trim_min_judges = self.trim_min_judges

        spread_threshold: int | None | str | Unset
        if isinstance(self.spread_threshold, Unset):
            spread_threshold = UNSET
        else:
            spread_threshold = self.spread_threshold

        eligibility: dict[str, Any] | Unset = UNSET
        if not isinstance(self.eligibility, Unset):
            eligibility = self.eligibility.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "format": format_,
                "rubric": rubric,
                "judges_per_entry": judges_per_entry,
                "groups": groups,
                "stages": stages,
            }
        )
        if team_size is not UNSET:
            field_dict["team_size"] = team_size
        if vocational is not UNSET:
            field_dict["vocational"] = vocational
        if aggregation is not UNSET:
            field_dict["aggregation"] = aggregation
        if trim_min_judges is not UNSET:
            field_dict["trim_min_judges"] = trim_min_judges
        if spread_threshold is not UNSET:
            field_dict["spread_threshold"] = spread_threshold
        if eligibility is not UNSET:
            field_dict["eligibility"] = eligibility

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.eligibility_in import EligibilityIn  # noqa: PLC0415
        from ..models.group_in import GroupIn  # noqa: PLC0415
        from ..models.rubric_input import RubricInput  # noqa: PLC0415
        from ..models.stage_in import StageIn  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        format_ = EventFormat(d.pop("format"))

        rubric = RubricInput.from_dict(d.pop("rubric"))

        judges_per_entry = d.pop("judges_per_entry")

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = GroupIn.from_dict(groups_item_data)

            groups.append(groups_item)

        stages = []
        _stages = d.pop("stages")
        for stages_item_data in _stages:
            stages_item = StageIn.from_dict(stages_item_data)

            stages.append(stages_item)

        def _parse_team_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        team_size = _parse_team_size(d.pop("team_size", UNSET))

        def _parse_vocational(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        vocational = _parse_vocational(d.pop("vocational", UNSET))

        _aggregation = d.pop("aggregation", UNSET)
        aggregation: Aggregation | Unset
        if isinstance(_aggregation, Unset):
            aggregation = UNSET
        else:
            aggregation = Aggregation(_aggregation)

        trim_min_judges = d.pop("trim_min_judges", UNSET)

        def _parse_spread_threshold(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        spread_threshold = _parse_spread_threshold(d.pop("spread_threshold", UNSET))

        _eligibility = d.pop("eligibility", UNSET)
        eligibility: EligibilityIn | Unset
        if isinstance(_eligibility, Unset):
            eligibility = UNSET
        else:
            eligibility = EligibilityIn.from_dict(_eligibility)

        event_create = cls(
            name=name,
            format_=format_,
            rubric=rubric,
            judges_per_entry=judges_per_entry,
            groups=groups,
            stages=stages,
            team_size=team_size,
            vocational=vocational,
            aggregation=aggregation,
            trim_min_judges=trim_min_judges,
            spread_threshold=spread_threshold,
            eligibility=eligibility,
        )

        return event_create
