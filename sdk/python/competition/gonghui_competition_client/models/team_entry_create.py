from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="TeamEntryCreate")


@_attrs_define
class TeamEntryCreate:
    """A team sent by an organisation (a delegation), its members union members.

    Attributes:
        group_id (UUID):
        org_id (UUID): The delegation: the organisation sending the team
        team_name (str):
        membership_nos (list[str]):
    """

    group_id: UUID
    org_id: UUID
    team_name: str
    membership_nos: list[str]

    def to_dict(self) -> dict[str, Any]:
        group_id = str(self.group_id)

        org_id = str(self.org_id)

        team_name = self.team_name

        membership_nos = self.membership_nos

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "group_id": group_id,
                "org_id": org_id,
                "team_name": team_name,
                "membership_nos": membership_nos,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group_id = UUID(d.pop("group_id"))

        org_id = UUID(d.pop("org_id"))

        team_name = d.pop("team_name")

        membership_nos = cast(list[str], d.pop("membership_nos"))

        team_entry_create = cls(
            group_id=group_id,
            org_id=org_id,
            team_name=team_name,
            membership_nos=membership_nos,
        )

        return team_entry_create
