from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.balances_balances import BalancesBalances


T = TypeVar("T", bound="Balances")


@_attrs_define
class Balances:
    """
    Attributes:
        uscc (None | str):
        period (None | str):
        balances (BalancesBalances):
        total (str):
    """

    uscc: None | str
    period: None | str
    balances: BalancesBalances
    total: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uscc: None | str
        uscc = self.uscc

        period: None | str
        period = self.period

        balances = self.balances.to_dict()

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uscc": uscc,
                "period": period,
                "balances": balances,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balances_balances import BalancesBalances  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_uscc(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        uscc = _parse_uscc(d.pop("uscc"))

        def _parse_period(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        period = _parse_period(d.pop("period"))

        balances = BalancesBalances.from_dict(d.pop("balances"))

        total = d.pop("total")

        balances = cls(
            uscc=uscc,
            period=period,
            balances=balances,
            total=total,
        )

        balances.additional_properties = d
        return balances

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
