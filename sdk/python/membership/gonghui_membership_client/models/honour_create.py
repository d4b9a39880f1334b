from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.honour_kind import HonourKind
from ..models.honour_level import HonourLevel
from ..types import UNSET, Unset

T = TypeVar("T", bound="HonourCreate")


@_attrs_define
class HonourCreate:
    """
    Attributes:
        kind (HonourKind):
        level (HonourLevel):
        title (str):
        awarded_on (datetime.date):
        granting_org_id (UUID): The organisation that grants it: in your sub-tree, at the honour's level or above (a
            county federation grants county and enterprise honours)
        member_id (None | Unset | UUID):
        membership_no (None | str | Unset):
        team_name (None | str | Unset): For team titles such as Worker Pioneer
        source_ref (None | str | Unset): The granting system's reference; granting again with it changes nothing
    """

    kind: HonourKind
    level: HonourLevel
    title: str
    awarded_on: datetime.date
    granting_org_id: UUID
    member_id: None | Unset | UUID = UNSET
    membership_no: None | str | Unset = UNSET
    team_name: None | str | Unset = UNSET
    source_ref: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        level = self.level.value

        title = self.title

        awarded_on = self.awarded_on.isoformat()

        granting_org_id = str(self.granting_org_id)

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        elif isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

        membership_no: None | str | Unset
        if isinstance(self.membership_no, Unset):
            membership_no = UNSET
        else:
            membership_no = self.membership_no

        team_name: None | str | Unset
        if isinstance(self.team_name, Unset):
            team_name = UNSET
        else:
            team_name = self.team_name

        source_ref: None | str | Unset
        if isinstance(self.source_ref, Unset):
            source_ref = UNSET
        else:
            source_ref = self.source_ref

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "level": level,
                "title": title,
                "awarded_on": awarded_on,
                "granting_org_id": granting_org_id,
            }
        )
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if membership_no is not UNSET:
            field_dict["membership_no"] = membership_no
        if team_name is not UNSET:
            field_dict["team_name"] = team_name
        if source_ref is not UNSET:
            field_dict["source_ref"] = source_ref

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = HonourKind(d.pop("kind"))

        level = HonourLevel(d.pop("level"))

        title = d.pop("title")

        awarded_on = datetime.date.fromisoformat(d.pop("awarded_on"))

        granting_org_id = UUID(d.pop("granting_org_id"))

        def _parse_member_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                member_id_type_0 = UUID(data)

                return member_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        def _parse_membership_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        membership_no = _parse_membership_no(d.pop("membership_no", UNSET))

        def _parse_team_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team_name = _parse_team_name(d.pop("team_name", UNSET))

        def _parse_source_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_ref = _parse_source_ref(d.pop("source_ref", UNSET))

        honour_create = cls(
            kind=kind,
            level=level,
            title=title,
            awarded_on=awarded_on,
            granting_org_id=granting_org_id,
            member_id=member_id,
            membership_no=membership_no,
            team_name=team_name,
            source_ref=source_ref,
        )

        return honour_create
