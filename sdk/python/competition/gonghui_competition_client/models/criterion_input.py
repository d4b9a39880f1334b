from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.criterion_kind import CriterionKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="CriterionInput")


@_attrs_define
class CriterionInput:
    """One line of the rubric. A sheet's total is the sum of weight × value, where value is
    the mark itself, or for a lower-is-better criterion its mirror within the range
    (min + max − mark), so the fastest time earns the most.

        Attributes:
            code (str):
            name (str):
            kind (CriterionKind):
            max_mark (int | str):
            weight (int | str): 0 keeps the criterion out of the total (tie-break only)
            min_mark (int | str | Unset):  Default: 0.
            higher_is_better (bool | Unset):  Default: True.
    """

    code: str
    name: str
    kind: CriterionKind
    max_mark: int | str
    weight: int | str
    min_mark: int | str | Unset = 0
    higher_is_better: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        kind = self.kind.value

        max_mark: int | str
        max_mark = self.max_mark

        weight: int | str
        weight = self.weight

        min_mark: int | str | Unset
        if isinstance(self.min_mark, Unset):
            min_mark = UNSET
        else:
            min_mark = self.min_mark

        higher_is_better = self.higher_is_better

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "max_mark": max_mark,
                "weight": weight,
            }
        )
        if min_mark is not UNSET:
            field_dict["min_mark"] = min_mark
        if higher_is_better is not UNSET:
            field_dict["higher_is_better"] = higher_is_better

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        kind = CriterionKind(d.pop("kind"))

        def _parse_max_mark(data: object) -> int | str:
            return cast(int | str, data)

        max_mark = _parse_max_mark(d.pop("max_mark"))

        def _parse_weight(data: object) -> int | str:
            return cast(int | str, data)

        weight = _parse_weight(d.pop("weight"))

        def _parse_min_mark(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        min_mark = _parse_min_mark(d.pop("min_mark", UNSET))

        higher_is_better = d.pop("higher_is_better", UNSET)

        criterion_input = cls(
            code=code,
            name=name,
            kind=kind,
            max_mark=max_mark,
            weight=weight,
            min_mark=min_mark,
            higher_is_better=higher_is_better,
        )

        return criterion_input
