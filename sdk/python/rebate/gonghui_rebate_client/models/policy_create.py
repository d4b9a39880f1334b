from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.destination import Destination
from ..models.policy_create_review_steps import PolicyCreateReviewSteps
from ..models.policy_create_size_classes_item import PolicyCreateSizeClassesItem
from ..models.policy_mode import PolicyMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_rule import BankRule
    from ..models.pool_account import PoolAccount
    from ..models.queue_office import QueueOffice


T = TypeVar("T", bound="PolicyCreate")


@_attrs_define
class PolicyCreate:
    """
    Attributes:
        name (str):
        region_prefixes (list[str]):
        period_from (str):
        period_to (str):
        policy_key (str):
        size_classes (list[PolicyCreateSizeClassesItem] | Unset):
        excluded_usccs (list[str] | Unset):
        refund_ratio (str | Unset):  Default: '1.0000'.
        destinations (list[Destination] | Unset):
        review_steps (PolicyCreateReviewSteps | Unset):  Default: PolicyCreateReviewSteps.VALUE_1.
        mode (PolicyMode | Unset):
        county_pool (None | PoolAccount | Unset):
        bank_rules (list[BankRule] | Unset): Which bank pays, by region (longest prefix wins); without a match, the
            longest-registered active bank
        queue_offices (list[QueueOffice] | Unset): Who owns the queue entries of unmatched credit codes, by the record's
            region (longest prefix wins); without a match, admins alone
    """

    name: str
    region_prefixes: list[str]
    period_from: str
    period_to: str
    policy_key: str
    size_classes: list[PolicyCreateSizeClassesItem] | Unset = UNSET
    excluded_usccs: list[str] | Unset = UNSET
    refund_ratio: str | Unset = "1.0000"
    destinations: list[Destination] | Unset = UNSET
    review_steps: PolicyCreateReviewSteps | Unset = PolicyCreateReviewSteps.VALUE_1
    mode: PolicyMode | Unset = UNSET
    county_pool: None | PoolAccount | Unset = UNSET
    bank_rules: list[BankRule] | Unset = UNSET
    queue_offices: list[QueueOffice] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.pool_account import PoolAccount  # noqa: PLC0415

        name = self.name

        region_prefixes = self.region_prefixes

        period_from = self.period_from

        period_to = self.period_to

        policy_key = self.policy_key

        size_classes: list[str] | Unset = UNSET
        if not isinstance(self.size_classes, Unset):
            size_classes = []
            for size_classes_item_data in self.size_classes:
                size_classes_item = size_classes_item_data.value
                size_classes.append(size_classes_item)

        excluded_usccs: list[str] | Unset = UNSET
        if not isinstance(self.excluded_usccs, Unset):
            excluded_usccs = self.excluded_usccs

        refund_ratio = self.refund_ratio

        destinations: list[str] | Unset = UNSET
        if not isinstance(self.destinations, Unset):
            destinations = []
            for destinations_item_data in self.destinations:
                destinations_item = destinations_item_data.value
                destinations.append(destinations_item)

        review_steps: int | Unset = UNSET
        if not isinstance(self.review_steps, Unset):
            review_steps = self.review_steps.value

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        county_pool: dict[str, Any] | None | Unset
        if isinstance(self.county_pool, Unset):
            county_pool = UNSET
        elif isinstance(self.county_pool, PoolAccount):
            county_pool = self.county_pool.to_dict()
        else:
            county_pool = self.county_pool

        bank_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bank_rules, Unset):
            bank_rules = []
            for bank_rules_item_data in self.bank_rules:
                bank_rules_item = bank_rules_item_data.to_dict()
                bank_rules.append(bank_rules_item)

        queue_offices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.queue_offices, Unset):
            queue_offices = []
            for queue_offices_item_data in self.queue_offices:
                queue_offices_item = queue_offices_item_data.to_dict()
                queue_offices.append(queue_offices_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "region_prefixes": region_prefixes,
                "period_from": period_from,
                "period_to": period_to,
                "policy_key": policy_key,
            }
        )
        if size_classes is not UNSET:
            field_dict["size_classes"] = size_classes
        if excluded_usccs is not UNSET:
            field_dict["excluded_usccs"] = excluded_usccs
        if refund_ratio is not UNSET:
            field_dict["refund_ratio"] = refund_ratio
        if destinations is not UNSET:
            field_dict["destinations"] = destinations
        if review_steps is not UNSET:
            field_dict["review_steps"] = review_steps
        if mode is not UNSET:
            field_dict["mode"] = mode
        if county_pool is not UNSET:
            field_dict["county_pool"] = county_pool
        if bank_rules is not UNSET:
            field_dict["bank_rules"] = bank_rules
        if queue_offices is not UNSET:
            field_dict["queue_offices"] = queue_offices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bank_rule import BankRule  # noqa: PLC0415
        from ..models.pool_account import PoolAccount  # noqa: PLC0415
        from ..models.queue_office import QueueOffice  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        region_prefixes = cast(list[str], d.pop("region_prefixes"))

        period_from = d.pop("period_from")

        period_to = d.pop("period_to")

        policy_key = d.pop("policy_key")

        _size_classes = d.pop("size_classes", UNSET)
        size_classes: list[PolicyCreateSizeClassesItem] | Unset = UNSET
        if _size_classes is not UNSET:
            size_classes = []
            for size_classes_item_data in _size_classes:
                size_classes_item = PolicyCreateSizeClassesItem(size_classes_item_data)

                size_classes.append(size_classes_item)

        excluded_usccs = cast(list[str], d.pop("excluded_usccs", UNSET))

        refund_ratio = d.pop("refund_ratio", UNSET)

        _destinations = d.pop("destinations", UNSET)
        destinations: list[Destination] | Unset = UNSET
        if _destinations is not UNSET:
            destinations = []
            for destinations_item_data in _destinations:
                destinations_item = Destination(destinations_item_data)

                destinations.append(destinations_item)

        _review_steps = d.pop("review_steps", UNSET)
        review_steps: PolicyCreateReviewSteps | Unset
        if isinstance(_review_steps, Unset):
            review_steps = UNSET
        else:
            review_steps = PolicyCreateReviewSteps(_review_steps)

        _mode = d.pop("mode", UNSET)
        mode: PolicyMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = PolicyMode(_mode)

        def _parse_county_pool(data: object) -> None | PoolAccount | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                county_pool_type_0 = PoolAccount.from_dict(data)

                return county_pool_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolAccount | Unset, data)

        county_pool = _parse_county_pool(d.pop("county_pool", UNSET))

        _bank_rules = d.pop("bank_rules", UNSET)
        bank_rules: list[BankRule] | Unset = UNSET
        if _bank_rules is not UNSET:
            bank_rules = []
            for bank_rules_item_data in _bank_rules:
                bank_rules_item = BankRule.from_dict(bank_rules_item_data)

                bank_rules.append(bank_rules_item)

        _queue_offices = d.pop("queue_offices", UNSET)
        queue_offices: list[QueueOffice] | Unset = UNSET
        if _queue_offices is not UNSET:
            queue_offices = []
            for queue_offices_item_data in _queue_offices:
                queue_offices_item = QueueOffice.from_dict(queue_offices_item_data)

                queue_offices.append(queue_offices_item)

        policy_create = cls(
            name=name,
            region_prefixes=region_prefixes,
            period_from=period_from,
            period_to=period_to,
            policy_key=policy_key,
            size_classes=size_classes,
            excluded_usccs=excluded_usccs,
            refund_ratio=refund_ratio,
            destinations=destinations,
            review_steps=review_steps,
            mode=mode,
            county_pool=county_pool,
            bank_rules=bank_rules,
            queue_offices=queue_offices,
        )

        return policy_create
