from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.join_channel import JoinChannel
from ..models.member_state import MemberState

if TYPE_CHECKING:
    from ..models.person_read import PersonRead


T = TypeVar("T", bound="MemberRead")


@_attrs_define
class MemberRead:
    """
    Attributes:
        id (UUID):
        membership_no (str):
        card_no (None | str):
        state (MemberState):
        org_id (UUID):
        org_name (str):
        channel (JoinChannel):
        joined_on (datetime.date | None):
        person (PersonRead):
    """

    id: UUID
    membership_no: str
    card_no: None | str
    state: MemberState
    org_id: UUID
    org_name: str
    channel: JoinChannel
    joined_on: datetime.date | None
    person: PersonRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        membership_no = self.membership_no

        card_no: None | str
        card_no = self.card_no

        state = self.state.value

        org_id = str(self.org_id)

        org_name = self.org_name

        channel = self.channel.value

        joined_on: None | str
        if isinstance(self.joined_on, datetime.date):
            joined_on = self.joined_on.isoformat()
        else:
            joined_on = self.joined_on

        person = self.person.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "membership_no": membership_no,
                "card_no": card_no,
                "state": state,
                "org_id": org_id,
                "org_name": org_name,
                "channel": channel,
                "joined_on": joined_on,
                "person": person,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.person_read import PersonRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        membership_no = d.pop("membership_no")

        def _parse_card_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        card_no = _parse_card_no(d.pop("card_no"))

        state = MemberState(d.pop("state"))

        org_id = UUID(d.pop("org_id"))

        org_name = d.pop("org_name")

        channel = JoinChannel(d.pop("channel"))

        def _parse_joined_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                joined_on_type_0 = datetime.date.fromisoformat(data)

                return joined_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        joined_on = _parse_joined_on(d.pop("joined_on"))

        person = PersonRead.from_dict(d.pop("person"))

        member_read = cls(
            id=id,
            membership_no=membership_no,
            card_no=card_no,
            state=state,
            org_id=org_id,
            org_name=org_name,
            channel=channel,
            joined_on=joined_on,
            person=person,
        )

        member_read.additional_properties = d
        return member_read

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
