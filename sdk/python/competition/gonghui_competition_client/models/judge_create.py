from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="JudgeCreate")


@_attrs_define
class JudgeCreate:
    """
    Attributes:
        username (str): A membership account with the judge permission; its name and organisation (which decides the
            judge's conflicts) are taken from membership
    """

    username: str

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        judge_create = cls(
            username=username,
        )

        return judge_create
