from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.criterion_output import CriterionOutput


T = TypeVar("T", bound="RubricOutput")


@_attrs_define
class RubricOutput:
    """
    Attributes:
        criteria (list[CriterionOutput]):
        tie_breaks (list[str] | Unset): Criterion codes, in order, that break ties of the aggregated score
    """

    criteria: list[CriterionOutput]
    tie_breaks: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        criteria = []
        for criteria_item_data in self.criteria:
            criteria_item = criteria_item_data.to_dict()
            criteria.append(criteria_item)

        tie_breaks: list[str] | Unset = UNSET
        if not isinstance(self.tie_breaks, Unset):
            tie_breaks = self.tie_breaks

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "criteria": criteria,
            }
        )
        if tie_breaks is not UNSET:
            field_dict["tie_breaks"] = tie_breaks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.criterion_output import CriterionOutput  # noqa: PLC0415

        d = dict(src_dict)
        criteria = []
        _criteria = d.pop("criteria")
        for criteria_item_data in _criteria:
            criteria_item = CriterionOutput.from_dict(criteria_item_data)

            criteria.append(criteria_item)

        tie_breaks = cast(list[str], d.pop("tie_breaks", UNSET))

        rubric_output = cls(
            criteria=criteria,
            tie_breaks=tie_breaks,
        )

        return rubric_output
