from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.growth import Growth
    from ..models.pending import Pending
    from ..models.previous_year import PreviousYear
    from ..models.refunded import Refunded
    from ..models.rejected import Rejected


T = TypeVar("T", bound="RebateStats")


@_attrs_define
class RebateStats:
    """
    Attributes:
        org_id (None | UUID): The sub-tree counted; null: everything the caller may see
        from_ (str):
        to (str):
        refunded (Refunded):
        pending (Pending):
        rejected (Rejected):
        previous_year (PreviousYear):
        growth (Growth): Year on year, in percent with two decimals; null when the previous year has nothing.
    """

    org_id: None | UUID
    from_: str
    to: str
    refunded: Refunded
    pending: Pending
    rejected: Rejected
    previous_year: PreviousYear
    growth: Growth
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org_id: None | str
        if isinstance(self.org_id, UUID):
            org_id = str(self.org_id)
        else:
            org_id = self.org_id

        from_ = self.from_

        to = self.to

        refunded = self.refunded.to_dict()

        pending = self.pending.to_dict()

        rejected = self.rejected.to_dict()

        previous_year = self.previous_year.to_dict()

        growth = self.growth.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org_id": org_id,
                "from": from_,
                "to": to,
                "refunded": refunded,
                "pending": pending,
                "rejected": rejected,
                "previous_year": previous_year,
                "growth": growth,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.growth import Growth  # noqa: PLC0415
        from ..models.pending import Pending  # noqa: PLC0415
        from ..models.previous_year import PreviousYear  # noqa: PLC0415
        from ..models.refunded import Refunded  # noqa: PLC0415
        from ..models.rejected import Rejected  # noqa: PLC0415

        d = dict(src_dict)

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

        from_ = d.pop("from")

        to = d.pop("to")

        refunded = Refunded.from_dict(d.pop("refunded"))

        pending = Pending.from_dict(d.pop("pending"))

        rejected = Rejected.from_dict(d.pop("rejected"))

        previous_year = PreviousYear.from_dict(d.pop("previous_year"))

        growth = Growth.from_dict(d.pop("growth"))

        rebate_stats = cls(
            org_id=org_id,
            from_=from_,
            to=to,
            refunded=refunded,
            pending=pending,
            rejected=rejected,
            previous_year=previous_year,
            growth=growth,
        )

        rebate_stats.additional_properties = d
        return rebate_stats

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
