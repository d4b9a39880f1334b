from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.score_change_read_after import ScoreChangeReadAfter
    from ..models.score_change_read_before_type_0 import ScoreChangeReadBeforeType0


T = TypeVar("T", bound="ScoreChangeRead")


@_attrs_define
class ScoreChangeRead:
    """
    Attributes:
        changed_at (datetime.datetime):
        changed_by (str):
        reason (None | str):
        before (None | ScoreChangeReadBeforeType0):
        after (ScoreChangeReadAfter):
    """

    changed_at: datetime.datetime
    changed_by: str
    reason: None | str
    before: None | ScoreChangeReadBeforeType0
    after: ScoreChangeReadAfter
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.score_change_read_before_type_0 import ScoreChangeReadBeforeType0  # noqa: PLC0415

        changed_at = self.changed_at.isoformat()

        changed_by = self.changed_by

        reason: None | str
        reason = self.reason

        before: dict[str, Any] | None
        if isinstance(self.before, ScoreChangeReadBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        after = self.after.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed_at": changed_at,
                "changed_by": changed_by,
                "reason": reason,
                "before": before,
                "after": after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.score_change_read_after import ScoreChangeReadAfter  # noqa: PLC0415
        from ..models.score_change_read_before_type_0 import ScoreChangeReadBeforeType0  # noqa: PLC0415

        d = dict(src_dict)
        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        changed_by = d.pop("changed_by")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_before(data: object) -> None | ScoreChangeReadBeforeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = ScoreChangeReadBeforeType0.from_dict(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScoreChangeReadBeforeType0, data)

        before = _parse_before(d.pop("before"))

        after = ScoreChangeReadAfter.from_dict(d.pop("after"))

        score_change_read = cls(
            changed_at=changed_at,
            changed_by=changed_by,
            reason=reason,
            before=before,
            after=after,
        )

        score_change_read.additional_properties = d
        return score_change_read

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
