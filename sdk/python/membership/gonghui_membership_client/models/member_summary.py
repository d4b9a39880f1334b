from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_state import MemberState

T = TypeVar("T", bound="MemberSummary")


@_attrs_define
class MemberSummary:
    """What other services need to check an entrant: membership, organisation, work.

    Attributes:
        id (UUID):
        membership_no (str):
        state (MemberState):
        person_id (UUID):
        name (str):
        employment_form (str):
        org_id (UUID):
        org_name (str):
        org_path (str):
    """

    id: UUID
    membership_no: str
    state: MemberState
    person_id: UUID
    name: str
    employment_form: str
    org_id: UUID
    org_name: str
    org_path: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        membership_no = self.membership_no

        state = self.state.value

        person_id = str(self.person_id)

        name = self.name

        employment_form = self.employment_form

        org_id = str(self.org_id)

        org_name = self.org_name

        org_path = self.org_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "membership_no": membership_no,
                "state": state,
                "person_id": person_id,
                "name": name,
                "employment_form": employment_form,
                "org_id": org_id,
                "org_name": org_name,
                "org_path": org_path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        membership_no = d.pop("membership_no")

        state = MemberState(d.pop("state"))

        person_id = UUID(d.pop("person_id"))

        name = d.pop("name")

        employment_form = d.pop("employment_form")

        org_id = UUID(d.pop("org_id"))

        org_name = d.pop("org_name")

        org_path = d.pop("org_path")

        member_summary = cls(
            id=id,
            membership_no=membership_no,
            state=state,
            person_id=person_id,
            name=name,
            employment_form=employment_form,
            org_id=org_id,
            org_name=org_name,
            org_path=org_path,
        )

        member_summary.additional_properties = d
        return member_summary

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
