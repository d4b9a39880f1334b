from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage_kind import StageKind
from ..models.stage_status import StageStatus

T = TypeVar("T", bound="PublicStage")


@_attrs_define
class PublicStage:
    """
    Attributes:
        id (UUID):
        kind (StageKind):
        status (StageStatus):
        published_at (datetime.datetime | None):
        notice_ends_at (datetime.datetime | None):
    """

    id: UUID
    kind: StageKind
    status: StageStatus
    published_at: datetime.datetime | None
    notice_ends_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        status = self.status.value

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        notice_ends_at: None | str
        if isinstance(self.notice_ends_at, datetime.datetime):
            notice_ends_at = self.notice_ends_at.isoformat()
        else:
            notice_ends_at = self.notice_ends_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "status": status,
                "published_at": published_at,
                "notice_ends_at": notice_ends_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = StageKind(d.pop("kind"))

        status = StageStatus(d.pop("status"))

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_notice_ends_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                notice_ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return notice_ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        notice_ends_at = _parse_notice_ends_at(d.pop("notice_ends_at"))

        public_stage = cls(
            id=id,
            kind=kind,
            status=status,
            published_at=published_at,
            notice_ends_at=notice_ends_at,
        )

        public_stage.additional_properties = d
        return public_stage

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
