from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sheet_in_marks import SheetInMarks


T = TypeVar("T", bound="SheetIn")


@_attrs_define
class SheetIn:
    """
    Attributes:
        marks (SheetInMarks): Criterion code → mark, as decimal strings
        submit (bool | Unset): Submit the sheet; every mark is needed Default: False.
        reason (None | str | Unset): Required to change a submitted sheet
    """

    marks: SheetInMarks
    submit: bool | Unset = False
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        marks = self.marks.to_dict()

        submit = self.submit

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "marks": marks,
            }
        )
        if submit is not UNSET:
            field_dict["submit"] = submit
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sheet_in_marks import SheetInMarks  # noqa: PLC0415

        d = dict(src_dict)
        marks = SheetInMarks.from_dict(d.pop("marks"))

        submit = d.pop("submit", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        sheet_in = cls(
            marks=marks,
            submit=submit,
            reason=reason,
        )

        return sheet_in
