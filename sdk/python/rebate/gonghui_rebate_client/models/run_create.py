from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RunCreate")


@_attrs_define
class RunCreate:
    """
    Attributes:
        period (str):
        region_prefix (str):
        policy_key (str):
    """

    period: str
    region_prefix: str
    policy_key: str

    def to_dict(self) -> dict[str, Any]:
        period = self.period

        region_prefix = self.region_prefix

        policy_key = self.policy_key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "period": period,
                "region_prefix": region_prefix,
                "policy_key": policy_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        period = d.pop("period")

        region_prefix = d.pop("region_prefix")

        policy_key = d.pop("policy_key")

        run_create = cls(
            period=period,
            region_prefix=region_prefix,
            policy_key=policy_key,
        )

        return run_create
