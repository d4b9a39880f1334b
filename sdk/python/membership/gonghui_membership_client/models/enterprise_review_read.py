from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EnterpriseReviewRead")


@_attrs_define
class EnterpriseReviewRead:
    """
    Attributes:
        reviewed_at (datetime.datetime):
        reviewed_by (str):
        uscc_before (str):
        uscc_after (str):
        note (None | str):
    """

    reviewed_at: datetime.datetime
    reviewed_by: str
    uscc_before: str
    uscc_after: str
    note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reviewed_at = self.reviewed_at.isoformat()

        reviewed_by = self.reviewed_by

        uscc_before = self.uscc_before

        uscc_after = self.uscc_after

        note: None | str
        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reviewed_at": reviewed_at,
                "reviewed_by": reviewed_by,
                "uscc_before": uscc_before,
                "uscc_after": uscc_after,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reviewed_at = datetime.datetime.fromisoformat(d.pop("reviewed_at"))

        reviewed_by = d.pop("reviewed_by")

        uscc_before = d.pop("uscc_before")

        uscc_after = d.pop("uscc_after")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        enterprise_review_read = cls(
            reviewed_at=reviewed_at,
            reviewed_by=reviewed_by,
            uscc_before=uscc_before,
            uscc_after=uscc_after,
            note=note,
        )

        enterprise_review_read.additional_properties = d
        return enterprise_review_read

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
