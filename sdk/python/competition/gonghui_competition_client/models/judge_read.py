from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JudgeRead")


@_attrs_define
class JudgeRead:
    """
    Attributes:
        id (UUID):
        competition_id (UUID):
        subject (str): The account's id (its tokens' subject)
        username (str):
        name (str):
        org_id (None | UUID): The account's organisation; none for experts
        org_name (None | str):
        created_at (datetime.datetime):
    """

    id: UUID
    competition_id: UUID
    subject: str
    username: str
    name: str
    org_id: None | UUID
    org_name: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        competition_id = str(self.competition_id)

        subject = self.subject

        username = self.username

        name = self.name

        org_id: None | str
        if isinstance(self.org_id, UUID):
            org_id = str(self.org_id)
        else:
            org_id = self.org_id

        org_name: None | str
        org_name = self.org_name

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "competition_id": competition_id,
                "subject": subject,
                "username": username,
                "name": name,
                "org_id": org_id,
                "org_name": org_name,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        competition_id = UUID(d.pop("competition_id"))

        subject = d.pop("subject")

        username = d.pop("username")

        name = d.pop("name")

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        judge_read = cls(
            id=id,
            competition_id=competition_id,
            subject=subject,
            username=username,
            name=name,
            org_id=org_id,
            org_name=org_name,
            created_at=created_at,
        )

        judge_read.additional_properties = d
        return judge_read

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
