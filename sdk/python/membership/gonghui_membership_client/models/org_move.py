from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrgMove")


@_attrs_define
class OrgMove:
    """
    Attributes:
        new_parent_id (UUID):
        region_code (None | str | Unset): The organisation's region once moved, when it leaves its parent's region: same
            rank as the old code; the sub-tree's codes are renumbered under it
    """

    new_parent_id: UUID
    region_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        new_parent_id = str(self.new_parent_id)

        region_code: None | str | Unset
        if isinstance(self.region_code, Unset):
            region_code = UNSET
        else:
            region_code = self.region_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "new_parent_id": new_parent_id,
            }
        )
        if region_code is not UNSET:
            field_dict["region_code"] = region_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        new_parent_id = UUID(d.pop("new_parent_id"))

        def _parse_region_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region_code = _parse_region_code(d.pop("region_code", UNSET))

        org_move = cls(
            new_parent_id=new_parent_id,
            region_code=region_code,
        )

        return org_move
