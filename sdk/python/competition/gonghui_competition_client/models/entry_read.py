from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.entry_status import EntryStatus
from ..models.event_format import EventFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.participant_read import ParticipantRead


T = TypeVar("T", bound="EntryRead")


@_attrs_define
class EntryRead:
    """
    Attributes:
        id (UUID):
        competition_id (UUID):
        event_id (UUID):
        group_id (UUID):
        format_ (EventFormat):
        code (str): Blind code: what judges see
        status (EntryStatus):
        display_name (None | str): None when names are withheld
        org_id (None | UUID):
        org_name (None | str):
        school (None | str):
        participants (list[ParticipantRead]):
        registered_by (None | str):
        decided_by (None | str):
        decided_at (datetime.datetime | None):
        decision_reason (None | str):
        created_at (datetime.datetime):
        names_withheld (bool | Unset): You judge this competition and the event's results are not published: who is
            behind the code (names, organisation, participants) is withheld Default: False.
    """

    id: UUID
    competition_id: UUID
    event_id: UUID
    group_id: UUID
    format_: EventFormat
    code: str
    status: EntryStatus
    display_name: None | str
    org_id: None | UUID
    org_name: None | str
    school: None | str
    participants: list[ParticipantRead]
    registered_by: None | str
    decided_by: None | str
    decided_at: datetime.datetime | None
    decision_reason: None | str
    created_at: datetime.datetime
    names_withheld: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        competition_id = str(self.competition_id)

        event_id = str(self.event_id)

        group_id = str(self.group_id)

        format_ = self.format_.value

        code = self.code

        status = self.status.value

        display_name: None | str
        display_name = self.display_name

        org_id: None | str
        if isinstance(self.org_id, UUID):
            org_id = str(self.org_id)
        else:
            org_id = self.org_id

        org_name: None | str
        org_name = self.org_name

        school: None | str
        school = self.school

        participants = []
        for participants_item_data in self.participants:
            participants_item = participants_item_data.to_dict()
            participants.append(participants_item)

        registered_by: None | str
        registered_by = self.registered_by

        decided_by: None | str
        decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_reason: None | str
        decision_reason = self.decision_reason

        created_at = self.created_at.isoformat()

        names_withheld = self.names_withheld

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "competition_id": competition_id,
                "event_id": event_id,
                "group_id": group_id,
                "format": format_,
                "code": code,
                "status": status,
                "display_name": display_name,
                "org_id": org_id,
                "org_name": org_name,
                "school": school,
                "participants": participants,
                "registered_by": registered_by,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "decision_reason": decision_reason,
                "created_at": created_at,
            }
        )
        if names_withheld is not UNSET:
            field_dict["names_withheld"] = names_withheld

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.participant_read import ParticipantRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        competition_id = UUID(d.pop("competition_id"))

        event_id = UUID(d.pop("event_id"))

        group_id = UUID(d.pop("group_id"))

        format_ = EventFormat(d.pop("format"))

        code = d.pop("code")

        status = EntryStatus(d.pop("status"))

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        def _parse_org_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                org_id_type_0 = UUID(data)

                return org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        org_id = _parse_org_id(d.pop("org_id"))

        def _parse_org_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        org_name = _parse_org_name(d.pop("org_name"))

        def _parse_school(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        school = _parse_school(d.pop("school"))

        participants = []
        _participants = d.pop("participants")
        for participants_item_data in _participants:
            participants_item = ParticipantRead.from_dict(participants_item_data)

            participants.append(participants_item)

        def _parse_registered_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        registered_by = _parse_registered_by(d.pop("registered_by"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_reason = _parse_decision_reason(d.pop("decision_reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        names_withheld = d.pop("names_withheld", UNSET)

        entry_read = cls(
            id=id,
            competition_id=competition_id,
            event_id=event_id,
            group_id=group_id,
            format_=format_,
            code=code,
            status=status,
            display_name=display_name,
            org_id=org_id,
            org_name=org_name,
            school=school,
            participants=participants,
            registered_by=registered_by,
            decided_by=decided_by,
            decided_at=decided_at,
            decision_reason=decision_reason,
            created_at=created_at,
            names_withheld=names_withheld,
        )

        entry_read.additional_properties = d
        return entry_read

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
