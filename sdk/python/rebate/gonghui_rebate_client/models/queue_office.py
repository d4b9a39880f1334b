from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="QueueOffice")


@_attrs_define
class QueueOffice:
    """The federation whose reviewers own the queue entries of records, from regions starting
    with `region_prefix`, that no register entry places (an unmatched credit code).

        Attributes:
            region_prefix (str):
            org_id (UUID): A federation of that region, in membership
    """

    region_prefix: str
    org_id: UUID

    def to_dict(self) -> dict[str, Any]:
        region_prefix = self.region_prefix

        org_id = str(self.org_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "region_prefix": region_prefix,
                "org_id": org_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        region_prefix = d.pop("region_prefix")

        org_id = UUID(d.pop("org_id"))

        queue_office = cls(
            region_prefix=region_prefix,
            org_id=org_id,
        )

        return queue_office
