from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_source import CaseSource
from ..models.case_status import CaseStatus

if TYPE_CHECKING:
    from ..models.fee_line import FeeLine
    from ..models.review_read import ReviewRead


T = TypeVar("T", bound="CaseDetail")


@_attrs_define
class CaseDetail:
    """
    Attributes:
        id (UUID):
        uscc (str):
        enterprise_name (str):
        period (str):
        org_id (None | UUID):
        policy_id (UUID):
        run_id (None | UUID):
        source (CaseSource):
        status (CaseStatus):
        collected (str):
        refund (str):
        set_off (str):
        status_reason (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        fees (list[FeeLine]):
        reviews (list[ReviewRead]):
    """

    id: UUID
    uscc: str
    enterprise_name: str
    period: str
    org_id: None | UUID
    policy_id: UUID
    run_id: None | UUID
    source: CaseSource
    status: CaseStatus
    collected: str
    refund: str
    set_off: str
    status_reason: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    fees: list[FeeLine]
    reviews: list[ReviewRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        uscc = self.uscc

        enterprise_name = self.enterprise_name

        period = self.period

        org_id: None | str
        if isinstance(self.org_id, UUID):
            org_id = str(self.org_id)
        else:
            org_id = self.org_id

        policy_id = str(self.policy_id)

        run_id: None | str
        if isinstance(self.run_id, UUID):
            run_id = str(self.run_id)
        else:
            run_id = self.run_id

        source = self.source.value

        status = self.status.value

        collected = self.collected

        refund = self.refund

        set_off = self.set_off

        status_reason: None | str
        status_reason = self.status_reason

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        fees = []
        for fees_item_data in self.fees:
            fees_item = fees_item_data.to_dict()
            fees.append(fees_item)

        reviews = []
        for reviews_item_data in self.reviews:
            reviews_item = reviews_item_data.to_dict()
            reviews.append(reviews_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "uscc": uscc,
                "enterprise_name": enterprise_name,
                "period": period,
                "org_id": org_id,
                "policy_id": policy_id,
                "run_id": run_id,
                "source": source,
                "status": status,
                "collected": collected,
                "refund": refund,
                "set_off": set_off,
                "status_reason": status_reason,
                "created_at": created_at,
                "updated_at": updated_at,
                "fees": fees,
                "reviews": reviews,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fee_line import FeeLine  # noqa: PLC0415
        from ..models.review_read import ReviewRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        uscc = d.pop("uscc")

        enterprise_name = d.pop("enterprise_name")

        period = d.pop("period")

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

        policy_id = UUID(d.pop("policy_id"))

        def _parse_run_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                run_id_type_0 = UUID(data)

                return run_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        run_id = _parse_run_id(d.pop("run_id"))

        source = CaseSource(d.pop("source"))

        status = CaseStatus(d.pop("status"))

        collected = d.pop("collected")

        refund = d.pop("refund")

        set_off = d.pop("set_off")

        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        fees = []
        _fees = d.pop("fees")
        for fees_item_data in _fees:
            fees_item = FeeLine.from_dict(fees_item_data)

            fees.append(fees_item)

        reviews = []
        _reviews = d.pop("reviews")
        for reviews_item_data in _reviews:
            reviews_item = ReviewRead.from_dict(reviews_item_data)

            reviews.append(reviews_item)

        case_detail = cls(
            id=id,
            uscc=uscc,
            enterprise_name=enterprise_name,
            period=period,
            org_id=org_id,
            policy_id=policy_id,
            run_id=run_id,
            source=source,
            status=status,
            collected=collected,
            refund=refund,
            set_off=set_off,
            status_reason=status_reason,
            created_at=created_at,
            updated_at=updated_at,
            fees=fees,
            reviews=reviews,
        )

        case_detail.additional_properties = d
        return case_detail

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
