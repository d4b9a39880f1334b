from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.stage_kind import StageKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.advancement_in import AdvancementIn


T = TypeVar("T", bound="StageIn")


@_attrs_define
class StageIn:
    """
    Attributes:
        kind (StageKind):
        advancement (list[AdvancementIn] | Unset): One rule per group; none for the final
    """

    kind: StageKind
    advancement: list[AdvancementIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        advancement: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.advancement, Unset):
            advancement = []
            for advancement_item_data in self.advancement:
                advancement_item = advancement_item_data.to_dict()
                advancement.append(advancement_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if advancement is not UNSET:
            field_dict["advancement"] = advancement

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.advancement_in import AdvancementIn  # noqa: PLC0415

        d = dict(src_dict)
        kind = StageKind(d.pop("kind"))

        _advancement = d.pop("advancement", UNSET)
        advancement: list[AdvancementIn] | Unset = UNSET
        if _advancement is not UNSET:
            advancement = []
            for advancement_item_data in _advancement:
                advancement_item = AdvancementIn.from_dict(advancement_item_data)

                advancement.append(advancement_item)

        stage_in = cls(
            kind=kind,
            advancement=advancement,
        )

        return stage_in
