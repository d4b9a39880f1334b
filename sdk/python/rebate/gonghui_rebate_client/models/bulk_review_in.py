from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.review_decision import ReviewDecision
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_review_in_refunds import BulkReviewInRefunds


T = TypeVar("T", bound="BulkReviewIn")


@_attrs_define
class BulkReviewIn:
    """
    Attributes:
        decision (ReviewDecision):
        case_ids (list[UUID]):
        reason (None | str | Unset):
        refunds (BulkReviewInRefunds | Unset): To approve: the refund you looked at, per case id; a case missing here or
            whose amount changed since is refused, the others decided
    """

    decision: ReviewDecision
    case_ids: list[UUID]
    reason: None | str | Unset = UNSET
    refunds: BulkReviewInRefunds | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        case_ids = []
        for case_ids_item_data in self.case_ids:
            case_ids_item = str(case_ids_item_data)
            case_ids.append(case_ids_item)

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        refunds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.refunds, Unset):
            refunds = self.refunds.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
                "case_ids": case_ids,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if refunds is not UNSET:
            field_dict["refunds"] = refunds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_review_in_refunds import BulkReviewInRefunds  # noqa: PLC0415

        d = dict(src_dict)
        decision = ReviewDecision(d.pop("decision"))

        case_ids = []
        _case_ids = d.pop("case_ids")
        for case_ids_item_data in _case_ids:
            case_ids_item = UUID(case_ids_item_data)

            case_ids.append(case_ids_item)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        _refunds = d.pop("refunds", UNSET)
        refunds: BulkReviewInRefunds | Unset
        if isinstance(_refunds, Unset):
            refunds = UNSET
        else:
            refunds = BulkReviewInRefunds.from_dict(_refunds)

        bulk_review_in = cls(
            decision=decision,
            case_ids=case_ids,
            reason=reason,
            refunds=refunds,
        )

        return bulk_review_in
