from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsccReview")


@_attrs_define
class UsccReview:
    """The code as printed on the business licence: the registered one (confirmed as it
    stands) or the right one (a correction, which must pass the check).

        Attributes:
            uscc (str): Unified Social Credit Code (GB 32100); case and surrounding spaces are ignored
            note (None | str | Unset):
    """

    uscc: str
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        uscc = self.uscc

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "uscc": uscc,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        uscc = d.pop("uscc")

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        uscc_review = cls(
            uscc=uscc,
            note=note,
        )

        return uscc_review
