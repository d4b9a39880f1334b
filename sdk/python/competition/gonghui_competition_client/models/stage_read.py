from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage_kind import StageKind
from ..models.stage_status import StageStatus

if TYPE_CHECKING:
    from ..models.advancement_read import AdvancementRead


T = TypeVar("T", bound="StageRead")


@_attrs_define
class StageRead:
    """
    Attributes:
        id (UUID):
        kind (StageKind):
        seq (int):
        status (StageStatus):
        started_at (datetime.datetime | None):
        ranked_at (datetime.datetime | None):
        published_at (datetime.datetime | None):
        notice_ends_at (datetime.datetime | None):
        closed_at (datetime.datetime | None):
        advancement (list[AdvancementRead]):
    """

    id: UUID
    kind: StageKind
    seq: int
    status: StageStatus
    started_at: datetime.datetime | None
    ranked_at: datetime.datetime | None
    published_at: datetime.datetime | None
    notice_ends_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    advancement: list[AdvancementRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        seq = self.seq

        status = self.status.value

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        ranked_at: None | str
        if isinstance(self.ranked_at, datetime.datetime):
            ranked_at = self.ranked_at.isoformat()
        else:
            ranked_at = self.ranked_at

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

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        advancement = []
        for advancement_item_data in self.advancement:
            advancement_item = advancement_item_data.to_dict()
            advancement.append(advancement_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "seq": seq,
                "status": status,
                "started_at": started_at,
                "ranked_at": ranked_at,
                "published_at": published_at,
                "notice_ends_at": notice_ends_at,
                "closed_at": closed_at,
                "advancement": advancement,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.advancement_read import AdvancementRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = StageKind(d.pop("kind"))

        seq = d.pop("seq")

        status = StageStatus(d.pop("status"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_ranked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ranked_at_type_0 = datetime.datetime.fromisoformat(data)

                return ranked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ranked_at = _parse_ranked_at(d.pop("ranked_at"))

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

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        advancement = []
        _advancement = d.pop("advancement")
        for advancement_item_data in _advancement:
            advancement_item = AdvancementRead.from_dict(advancement_item_data)

            advancement.append(advancement_item)

        stage_read = cls(
            id=id,
            kind=kind,
            seq=seq,
            status=status,
            started_at=started_at,
            ranked_at=ranked_at,
            published_at=published_at,
            notice_ends_at=notice_ends_at,
            closed_at=closed_at,
            advancement=advancement,
        )

        stage_read.additional_properties = d
        return stage_read

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
