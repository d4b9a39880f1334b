from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transfer_state import TransferState

if TYPE_CHECKING:
    from ..models.person_read import PersonRead


T = TypeVar("T", bound="TransferRead")


@_attrs_define
class TransferRead:
    """
    Attributes:
        id (UUID):
        member_id (UUID):
        membership_no (str):
        person (PersonRead):
        from_org_id (UUID):
        from_org_name (str):
        to_org_id (UUID):
        to_org_name (str):
        state (TransferState):
        requested_by (str):
        reason (None | str):
        decided_by (None | str):
        decided_at (datetime.datetime | None):
        decision_reason (None | str):
        created_at (datetime.datetime):
    """

    id: UUID
    member_id: UUID
    membership_no: str
    person: PersonRead
    from_org_id: UUID
    from_org_name: str
    to_org_id: UUID
    to_org_name: str
    state: TransferState
    requested_by: str
    reason: None | str
    decided_by: None | str
    decided_at: datetime.datetime | None
    decision_reason: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        member_id = str(self.member_id)

        membership_no = self.membership_no

        person = self.person.to_dict()

        from_org_id = str(self.from_org_id)

        from_org_name = self.from_org_name

        to_org_id = str(self.to_org_id)

        to_org_name = self.to_org_name

        state = self.state.value

        requested_by = self.requested_by

        reason: None | str
        reason = self.reason

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "member_id": member_id,
                "membership_no": membership_no,
                "person": person,
                "from_org_id": from_org_id,
                "from_org_name": from_org_name,
                "to_org_id": to_org_id,
                "to_org_name": to_org_name,
                "state": state,
                "requested_by": requested_by,
                "reason": reason,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "decision_reason": decision_reason,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.person_read import PersonRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        member_id = UUID(d.pop("member_id"))

        membership_no = d.pop("membership_no")

        person = PersonRead.from_dict(d.pop("person"))

        from_org_id = UUID(d.pop("from_org_id"))

        from_org_name = d.pop("from_org_name")

        to_org_id = UUID(d.pop("to_org_id"))

        to_org_name = d.pop("to_org_name")

        state = TransferState(d.pop("state"))

        requested_by = d.pop("requested_by")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

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

        transfer_read = cls(
            id=id,
            member_id=member_id,
            membership_no=membership_no,
            person=person,
            from_org_id=from_org_id,
            from_org_name=from_org_name,
            to_org_id=to_org_id,
            to_org_name=to_org_name,
            state=state,
            requested_by=requested_by,
            reason=reason,
            decided_by=decided_by,
            decided_at=decided_at,
            decision_reason=decision_reason,
            created_at=created_at,
        )

        transfer_read.additional_properties = d
        return transfer_read

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
