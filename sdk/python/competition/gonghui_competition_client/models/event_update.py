from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.aggregation import Aggregation
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.eligibility_in import EligibilityIn
    from ..models.rubric_input import RubricInput


T = TypeVar("T", bound="EventUpdate")


@_attrs_define
class EventUpdate:
    """Changes while no stage of the event has started.

    Attributes:
        name (str | Unset):
        vocational (bool | Unset):
        rubric (None | RubricInput | Unset):
        aggregation (Aggregation | Unset):
        trim_min_judges (int | Unset):
        judges_per_entry (int | Unset):
        spread_threshold (int | None | str | Unset):
        eligibility (EligibilityIn | None | Unset):
    """

    name: str | Unset = UNSET
    vocational: bool | Unset = UNSET
    rubric: None | RubricInput | Unset = UNSET
    aggregation: Aggregation | Unset = UNSET
    trim_min_judges: int | Unset = UNSET
    judges_per_entry: int | Unset = UNSET
    spread_threshold: int | None | str | Unset = UNSET
    eligibility: EligibilityIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.eligibility_in import EligibilityIn  # noqa: PLC0415
        from ..models.rubric_input import RubricInput  # noqa: PLC0415

        name = self.name

        vocational = self.vocational

        rubric: dict[str, Any] | None | Unset
        if isinstance(self.rubric, Unset):
            rubric = UNSET
        elif isinstance(self.rubric, RubricInput):
            rubric = self.rubric.to_dict()
        else:
            rubric = self.rubric

        aggregation: str | Unset = UNSET
        if not isinstance(self.aggregation, Unset):
            aggregation = self.aggregation.value

        trim_min_judges = self.trim_min_judges

        judges_per_entry = self.judges_per_entry

        spread_threshold: int | None | str | Unset
        if isinstance(self.spread_threshold, Unset):
            spread_threshold = UNSET
        else:
            spread_threshold = self.spread_threshold

        eligibility: dict[str, Any] | None | Unset
        if isinstance(self.eligibility, Unset):
            eligibility = UNSET
        elif isinstance(self.eligibility, EligibilityIn):
            eligibility = self.eligibility.to_dict()
        else:
            eligibility = self.eligibility

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if vocational is not UNSET:
            field_dict["vocational"] = vocational
        if rubric is not UNSET:
            field_dict["rubric"] = rubric
        if aggregation is not UNSET:
            field_dict["aggregation"] = aggregation
        if trim_min_judges is not UNSET:
            field_dict["trim_min_judges"] = trim_min_judges
        if judges_per_entry is not UNSET:
            field_dict["judges_per_entry"] = judges_per_entry
        if spread_threshold is not UNSET:
            field_dict["spread_threshold"] = spread_threshold
        if eligibility is not UNSET:
            field_dict["eligibility"] = eligibility

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.eligibility_in import EligibilityIn  # noqa: PLC0415
        from ..models.rubric_input import RubricInput  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        vocational = d.pop("vocational", UNSET)

        def _parse_rubric(data: object) -> None | RubricInput | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rubric_type_0 = RubricInput.from_dict(data)

                return rubric_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RubricInput | Unset, data)

        rubric = _parse_rubric(d.pop("rubric", UNSET))

        _aggregation = d.pop("aggregation", UNSET)
        aggregation: Aggregation | Unset
        if isinstance(_aggregation, Unset):
            aggregation = UNSET
        else:
            aggregation = Aggregation(_aggregation)

        trim_min_judges = d.pop("trim_min_judges", UNSET)

        judges_per_entry = d.pop("judges_per_entry", UNSET)

        def _parse_spread_threshold(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        spread_threshold = _parse_spread_threshold(d.pop("spread_threshold", UNSET))

        def _parse_eligibility(data: object) -> EligibilityIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                eligibility_type_0 = EligibilityIn.from_dict(data)

                return eligibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EligibilityIn | None | Unset, data)

        eligibility = _parse_eligibility(d.pop("eligibility", UNSET))

        event_update = cls(
            name=name,
            vocational=vocational,
            rubric=rubric,
            aggregation=aggregation,
            trim_min_judges=trim_min_judges,
            judges_per_entry=judges_per_entry,
            spread_threshold=spread_threshold,
            eligibility=eligibility,
        )

        return event_update
