from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.body_fees_upload_file_event_type import BodyFeesUploadFileEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="BodyFeesUploadFile")


@_attrs_define
class BodyFeesUploadFile:
    """
    Attributes:
        file (str):
        event_type (BodyFeesUploadFileEventType | Unset):  Default: BodyFeesUploadFileEventType.FEE_RECORDED.
    """

    file: str
    event_type: BodyFeesUploadFileEventType | Unset = BodyFeesUploadFileEventType.FEE_RECORDED
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file

        event_type: str | Unset = UNSET
        if not isinstance(self.event_type, Unset):
            event_type = self.event_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if event_type is not UNSET:
            field_dict["event_type"] = event_type

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", (None, str(self.file).encode(), "text/plain")))

        if not isinstance(self.event_type, Unset):
            files.append(("event_type", (None, str(self.event_type.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = d.pop("file")

        _event_type = d.pop("event_type", UNSET)
        event_type: BodyFeesUploadFileEventType | Unset
        if isinstance(_event_type, Unset):
            event_type = UNSET
        else:
            event_type = BodyFeesUploadFileEventType(_event_type)

        body_fees_upload_file = cls(
            file=file,
            event_type=event_type,
        )

        body_fees_upload_file.additional_properties = d
        return body_fees_upload_file

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
