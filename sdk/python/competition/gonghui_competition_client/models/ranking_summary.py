from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage_status import StageStatus

T = TypeVar("T", bound="RankingSummary")


@_attrs_define
class RankingSummary:
    """
    Attributes:
        stage_id (UUID):
        status (StageStatus):
        ranked (int):
        flagged (int): Entries whose judges disagree beyond the threshold
        advancing (int):
        prized (int):
        open_ties (int): Ties across an advancement boundary awaiting a decision
    """

    stage_id: UUID
    status: StageStatus
    ranked: int
    flagged: int
    advancing: int
    prized: int
    open_ties: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stage_id = str(self.stage_id)

        status = self.status.value

        ranked = self.ranked

        flagged = self.flagged

        advancing = self.advancing

        prized = self.prized

        open_ties = self.open_ties

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stage_id": stage_id,
                "status": status,
                "ranked": ranked,
                "flagged": flagged,
                "advancing": advancing,
                "prized": prized,
                "open_ties": open_ties,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        stage_id = UUID(d.pop("stage_id"))

        status = StageStatus(d.pop("status"))

        ranked = d.pop("ranked")

        flagged = d.pop("flagged")

        advancing = d.pop("advancing")

        prized = d.pop("prized")

        open_ties = d.pop("open_ties")

        ranking_summary = cls(
            stage_id=stage_id,
            status=status,
            ranked=ranked,
            flagged=flagged,
            advancing=advancing,
            prized=prized,
            open_ties=open_ties,
        )

        ranking_summary.additional_properties = d
        return ranking_summary

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
