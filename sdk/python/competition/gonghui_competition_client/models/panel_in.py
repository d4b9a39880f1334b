from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="PanelIn")


@_attrs_define
class PanelIn:
    """
    Attributes:
        judge_ids (list[UUID]):
    """

    judge_ids: list[UUID]

    def to_dict(self) -> dict[str, Any]:
        judge_ids = []
        for judge_ids_item_data in self.judge_ids:
            judge_ids_item = str(judge_ids_item_data)
            judge_ids.append(judge_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "judge_ids": judge_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        judge_ids = []
        _judge_ids = d.pop("judge_ids")
        for judge_ids_item_data in _judge_ids:
            judge_ids_item = UUID(judge_ids_item_data)

            judge_ids.append(judge_ids_item)

        panel_in = cls(
            judge_ids=judge_ids,
        )

        return panel_in
