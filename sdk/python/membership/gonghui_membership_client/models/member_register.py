from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.member_register_state import MemberRegisterState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.person_in import PersonIn


T = TypeVar("T", bound="MemberRegister")


@_attrs_define
class MemberRegister:
    """Registration by a cadre at a service point.

    Attributes:
        person (PersonIn):
        org_id (UUID):
        state (MemberRegisterState | Unset):  Default: MemberRegisterState.ACTIVE.
    """

    person: PersonIn
    org_id: UUID
    state: MemberRegisterState | Unset = MemberRegisterState.ACTIVE

    def to_dict(self) -> dict[str, Any]:
        person = self.person.to_dict()

        org_id = str(self.org_id)

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "person": person,
                "org_id": org_id,
            }
        )
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.person_in import PersonIn  # noqa: PLC0415

        d = dict(src_dict)
        person = PersonIn.from_dict(d.pop("person"))

        org_id = UUID(d.pop("org_id"))

        _state = d.pop("state", UNSET)
        state: MemberRegisterState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = MemberRegisterState(_state)

        member_register = cls(
            person=person,
            org_id=org_id,
            state=state,
        )

        return member_register
