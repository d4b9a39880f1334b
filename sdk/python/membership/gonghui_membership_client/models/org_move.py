from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="OrgMove")


@_attrs_define
class OrgMove:
    """
    Attributes:
        new_parent_id (UUID):
    """

    new_parent_id: UUID

    def to_dict(self) -> dict[str, Any]:
        new_parent_id = str(self.new_parent_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "new_parent_id": new_parent_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        new_parent_id = UUID(d.pop("new_parent_id"))

        org_move = cls(
            new_parent_id=new_parent_id,
        )

        return org_move
