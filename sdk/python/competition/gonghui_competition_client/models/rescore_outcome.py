from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage_status import StageStatus

if TYPE_CHECKING:
    from ..models.ranking_summary import RankingSummary


T = TypeVar("T", bound="RescoreOutcome")


@_attrs_define
class RescoreOutcome:
    """
    Attributes:
        stage_id (UUID):
        status (StageStatus):
        changed (int):
        summary (RankingSummary):
    """

    stage_id: UUID
    status: StageStatus
    changed: int
    summary: RankingSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stage_id = str(self.stage_id)

        status = self.status.value

        changed = self.changed

        summary = self.summary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stage_id": stage_id,
                "status": status,
                "changed": changed,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ranking_summary import RankingSummary  # noqa: PLC0415

        d = dict(src_dict)
        stage_id = UUID(d.pop("stage_id"))

        status = StageStatus(d.pop("status"))

        changed = d.pop("changed")

        summary = RankingSummary.from_dict(d.pop("summary"))

        rescore_outcome = cls(
            stage_id=stage_id,
            status=status,
            changed=changed,
            summary=summary,
        )

        rescore_outcome.additional_properties = d
        return rescore_outcome

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
