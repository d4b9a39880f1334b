from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sheet_status import SheetStatus

T = TypeVar("T", bound="JudgeEntryRead")


@_attrs_define
class JudgeEntryRead:
    """
    Attributes:
        entry_code (str): Blind code; judges never see names
        sheet_status (None | SheetStatus):
        total (None | str):
    """

    entry_code: str
    sheet_status: None | SheetStatus
    total: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entry_code = self.entry_code

        sheet_status: None | str
        if isinstance(self.sheet_status, SheetStatus):
            sheet_status = self.sheet_status.value
        else:
            sheet_status = self.sheet_status

        total: None | str
        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entry_code": entry_code,
                "sheet_status": sheet_status,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entry_code = d.pop("entry_code")

        def _parse_sheet_status(data: object) -> None | SheetStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sheet_status_type_0 = SheetStatus(data)

                return sheet_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SheetStatus, data)

        sheet_status = _parse_sheet_status(d.pop("sheet_status"))

        def _parse_total(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        total = _parse_total(d.pop("total"))

        judge_entry_read = cls(
            entry_code=entry_code,
            sheet_status=sheet_status,
            total=total,
        )

        judge_entry_read.additional_properties = d
        return judge_entry_read

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
