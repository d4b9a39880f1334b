from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.member_state import MemberState
from ..types import UNSET, Unset

T = TypeVar("T", bound="CardCheck")


@_attrs_define
class CardCheck:
    """What a service-centre counter sees: enough to serve, nothing to steal.

    Attributes:
        valid (bool):
        reason (None | str | Unset):
        name_masked (None | str | Unset):
        org_name (None | str | Unset):
        state (MemberState | None | Unset):
        card_no_masked (None | str | Unset):
    """

    valid: bool
    reason: None | str | Unset = UNSET
    name_masked: None | str | Unset = UNSET
    org_name: None | str | Unset = UNSET
    state: MemberState | None | Unset = UNSET
    card_no_masked: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        valid = self.valid

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        name_masked: None | str | Unset
        if isinstance(self.name_masked, Unset):
            name_masked = UNSET
        else:
            name_masked = self.name_masked

        org_name: None | str | Unset
        if isinstance(self.org_name, Unset):
            org_name = UNSET
        else:
            org_name = self.org_name

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, MemberState):
            state = self.state.value
        else:
            state = self.state

        card_no_masked: None | str | Unset
        if isinstance(self.card_no_masked, Unset):
            card_no_masked = UNSET
        else:
            card_no_masked = self.card_no_masked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "valid": valid,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if name_masked is not UNSET:
            field_dict["name_masked"] = name_masked
        if org_name is not UNSET:
            field_dict["org_name"] = org_name
        if state is not UNSET:
            field_dict["state"] = state
        if card_no_masked is not UNSET:
            field_dict["card_no_masked"] = card_no_masked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        valid = d.pop("valid")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_name_masked(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_masked = _parse_name_masked(d.pop("name_masked", UNSET))

        def _parse_org_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        org_name = _parse_org_name(d.pop("org_name", UNSET))

        def _parse_state(data: object) -> MemberState | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = MemberState(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MemberState | None | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_card_no_masked(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        card_no_masked = _parse_card_no_masked(d.pop("card_no_masked", UNSET))

        card_check = cls(
            valid=valid,
            reason=reason,
            name_masked=name_masked,
            org_name=org_name,
            state=state,
            card_no_masked=card_no_masked,
        )

        card_check.additional_properties = d
        return card_check

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
