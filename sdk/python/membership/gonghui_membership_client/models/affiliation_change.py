from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="AffiliationChange")


@_attrs_define
class AffiliationChange:
    """
    Attributes:
        org_id (UUID): The federation the enterprise is now affiliated to
    """

    org_id: UUID

    def to_dict(self) -> dict[str, Any]:
        org_id = str(self.org_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "org_id": org_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        org_id = UUID(d.pop("org_id"))

        affiliation_change = cls(
            org_id=org_id,
        )

        return affiliation_change
