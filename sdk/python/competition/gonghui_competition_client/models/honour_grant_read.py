from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grant_status import GrantStatus
from ..models.honour_kind import HonourKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="HonourGrantRead")


@_attrs_define
class HonourGrantRead:
    """
    Attributes:
        id (UUID):
        membership_no (str):
        name (str):
        kind (HonourKind): The honours a competition leads to, as membership names them.
        level (str):
        title (str):
        team_name (None | str):
        status (GrantStatus):
        delivery (None | str | Unset):
        attempts (int | None | Unset):
        last_error (None | str | Unset):
    """

    id: UUID
    membership_no: str
    name: str
    kind: HonourKind
    level: str
    title: str
    team_name: None | str
    status: GrantStatus
    delivery: None | str | Unset = UNSET
    attempts: int | None | Unset = UNSET
    last_error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        membership_no = self.membership_no

        name = self.name

        kind = self.kind.value

        level = self.level

        title = self.title

        team_name: None | str
        team_name = self.team_name

        status = self.status.value

        delivery: None | str | Unset
        if isinstance(self.delivery, Unset):
            delivery = UNSET
        else:
            delivery = self.delivery

        attempts: int | None | Unset
        if isinstance(self.attempts, Unset):
            attempts = UNSET
        else:
            attempts = self.attempts

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "membership_no": membership_no,
                "name": name,
                "kind": kind,
                "level": level,
                "title": title,
                "team_name": team_name,
                "status": status,
            }
        )
        if delivery is not UNSET:
            field_dict["delivery"] = delivery
        if attempts is not UNSET:
            field_dict["attempts"] = attempts
        if last_error is not UNSET:
            field_dict["last_error"] = last_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        membership_no = d.pop("membership_no")

        name = d.pop("name")

        kind = HonourKind(d.pop("kind"))

        level = d.pop("level")

        title = d.pop("title")

        def _parse_team_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        team_name = _parse_team_name(d.pop("team_name"))

        status = GrantStatus(d.pop("status"))

        def _parse_delivery(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        delivery = _parse_delivery(d.pop("delivery", UNSET))

        def _parse_attempts(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        attempts = _parse_attempts(d.pop("attempts", UNSET))

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("last_error", UNSET))

        honour_grant_read = cls(
            id=id,
            membership_no=membership_no,
            name=name,
            kind=kind,
            level=level,
            title=title,
            team_name=team_name,
            status=status,
            delivery=delivery,
            attempts=attempts,
            last_error=last_error,
        )

        honour_grant_read.additional_properties = d
        return honour_grant_read

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
