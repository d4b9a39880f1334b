from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_decision import ReviewDecision
from ..models.review_step import ReviewStep

T = TypeVar("T", bound="ReviewRead")


@_attrs_define
class ReviewRead:
    """
    Attributes:
        step (ReviewStep):
        decision (ReviewDecision):
        reason (None | str):
        actor (str):
        decided_at (datetime.datetime):
    """

    step: ReviewStep
    decision: ReviewDecision
    reason: None | str
    actor: str
    decided_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step = self.step.value

        decision = self.decision.value

        reason: None | str
        reason = self.reason

        actor = self.actor

        decided_at = self.decided_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "step": step,
                "decision": decision,
                "reason": reason,
                "actor": actor,
                "decided_at": decided_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        step = ReviewStep(d.pop("step"))

        decision = ReviewDecision(d.pop("decision"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        actor = d.pop("actor")

        decided_at = datetime.datetime.fromisoformat(d.pop("decided_at"))

        review_read = cls(
            step=step,
            decision=decision,
            reason=reason,
            actor=actor,
            decided_at=decided_at,
        )

        review_read.additional_properties = d
        return review_read

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
