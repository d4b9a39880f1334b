from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.policy_mode import PolicyMode

if TYPE_CHECKING:
    from ..models.policy_read_bank_rules_item import PolicyReadBankRulesItem
    from ..models.policy_read_queue_offices_item import PolicyReadQueueOfficesItem


T = TypeVar("T", bound="PolicyRead")


@_attrs_define
class PolicyRead:
    """
    Attributes:
        id (UUID):
        policy_key (str):
        version (int):
        name (str):
        region_prefixes (list[str]):
        period_from (str):
        period_to (str):
        size_classes (list[str]):
        excluded_usccs (list[str]):
        refund_ratio (str):
        destinations (list[str]):
        review_steps (int):
        mode (PolicyMode):
        county_pool_bank (None | str):
        county_pool_account_name (None | str):
        bank_rules (list[PolicyReadBankRulesItem]):
        queue_offices (list[PolicyReadQueueOfficesItem]): region_prefix, org_id, and the org_path membership gave when
            saved
        created_by (str):
        created_at (datetime.datetime):
        retired_at (datetime.datetime | None):
    """

    id: UUID
    policy_key: str
    version: int
    name: str
    region_prefixes: list[str]
    period_from: str
    period_to: str
    size_classes: list[str]
    excluded_usccs: list[str]
    refund_ratio: str
    destinations: list[str]
    review_steps: int
    mode: PolicyMode
    county_pool_bank: None | str
    county_pool_account_name: None | str
    bank_rules: list[PolicyReadBankRulesItem]
    queue_offices: list[PolicyReadQueueOfficesItem]
    created_by: str
    created_at: datetime.datetime
    retired_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        policy_key = self.policy_key

        version = self.version

        name = self.name

        region_prefixes = self.region_prefixes

        period_from = self.period_from

        period_to = self.period_to

        size_classes = self.size_classes

        excluded_usccs = self.excluded_usccs

        refund_ratio = self.refund_ratio

        destinations = self.destinations

        review_steps = self.review_steps

        mode = self.mode.value

        county_pool_bank: None | str
        county_pool_bank = self.county_pool_bank

        county_pool_account_name: None | str
        county_pool_account_name = self.county_pool_account_name

        bank_rules = []
        for bank_rules_item_data in self.bank_rules:
            bank_rules_item = bank_rules_item_data.to_dict()
            bank_rules.append(bank_rules_item)

        queue_offices = []
        for queue_offices_item_data in self.queue_offices:
            queue_offices_item = queue_offices_item_data.to_dict()
            queue_offices.append(queue_offices_item)

        created_by = self.created_by

        created_at = self.created_at.isoformat()

        retired_at: None | str
        if isinstance(self.retired_at, datetime.datetime):
            retired_at = self.retired_at.isoformat()
        else:
            retired_at = self.retired_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "policy_key": policy_key,
                "version": version,
                "name": name,
                "region_prefixes": region_prefixes,
                "period_from": period_from,
                "period_to": period_to,
                "size_classes": size_classes,
                "excluded_usccs": excluded_usccs,
                "refund_ratio": refund_ratio,
                "destinations": destinations,
                "review_steps": review_steps,
                "mode": mode,
                "county_pool_bank": county_pool_bank,
                "county_pool_account_name": county_pool_account_name,
                "bank_rules": bank_rules,
                "queue_offices": queue_offices,
                "created_by": created_by,
                "created_at": created_at,
                "retired_at": retired_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.policy_read_bank_rules_item import PolicyReadBankRulesItem  # noqa: PLC0415
        from ..models.policy_read_queue_offices_item import PolicyReadQueueOfficesItem  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        policy_key = d.pop("policy_key")

        version = d.pop("version")

        name = d.pop("name")

        region_prefixes = cast(list[str], d.pop("region_prefixes"))

        period_from = d.pop("period_from")

        period_to = d.pop("period_to")

        size_classes = cast(list[str], d.pop("size_classes"))

        excluded_usccs = cast(list[str], d.pop("excluded_usccs"))

        refund_ratio = d.pop("refund_ratio")

        destinations = cast(list[str], d.pop("destinations"))

        review_steps = d.pop("review_steps")

        mode = PolicyMode(d.pop("mode"))

        def _parse_county_pool_bank(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        county_pool_bank = _parse_county_pool_bank(d.pop("county_pool_bank"))

        def _parse_county_pool_account_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        county_pool_account_name = _parse_county_pool_account_name(d.pop("county_pool_account_name"))

        bank_rules = []
        _bank_rules = d.pop("bank_rules")
        for bank_rules_item_data in _bank_rules:
            bank_rules_item = PolicyReadBankRulesItem.from_dict(bank_rules_item_data)

            bank_rules.append(bank_rules_item)

        queue_offices = []
        _queue_offices = d.pop("queue_offices")
        for queue_offices_item_data in _queue_offices:
            queue_offices_item = PolicyReadQueueOfficesItem.from_dict(queue_offices_item_data)

            queue_offices.append(queue_offices_item)

        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_retired_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                retired_at_type_0 = datetime.datetime.fromisoformat(data)

                return retired_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        retired_at = _parse_retired_at(d.pop("retired_at"))

        policy_read = cls(
            id=id,
            policy_key=policy_key,
            version=version,
            name=name,
            region_prefixes=region_prefixes,
            period_from=period_from,
            period_to=period_to,
            size_classes=size_classes,
            excluded_usccs=excluded_usccs,
            refund_ratio=refund_ratio,
            destinations=destinations,
            review_steps=review_steps,
            mode=mode,
            county_pool_bank=county_pool_bank,
            county_pool_account_name=county_pool_account_name,
            bank_rules=bank_rules,
            queue_offices=queue_offices,
            created_by=created_by,
            created_at=created_at,
            retired_at=retired_at,
        )

        policy_read.additional_properties = d
        return policy_read

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
