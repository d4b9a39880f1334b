from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.monthly_joins import MonthlyJoins


T = TypeVar("T", bound="OrgStats")


@_attrs_define
class OrgStats:
    """
    Attributes:
        org_id (UUID):
        org_name (str):
        organisations (int): Open organisations in the sub-tree, itself included
        members (int): Active, transferring and suspended members
        new_form_members (int): Members in new forms of employment
        new_form_unions (int):
        new_form_enterprises (int): Enterprises whose union is a new-form union
        services (int): Services given to workers (legal aid, gifts, health checks, training)
        joins_by_month (list[MonthlyJoins]):
    """

    org_id: UUID
    org_name: str
    organisations: int
    members: int
    new_form_members: int
    new_form_unions: int
    new_form_enterprises: int
    services: int
    joins_by_month: list[MonthlyJoins]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org_id = str(self.org_id)

        org_name = self.org_name

        organisations = self.organisations

        members = self.members

        new_form_members = self.new_form_members

        new_form_unions = self.new_form_unions

        new_form_enterprises = self.new_form_enterprises

        services = self.services

        joins_by_month = []
        for joins_by_month_item_data in self.joins_by_month:
            joins_by_month_item = joins_by_month_item_data.to_dict()
            joins_by_month.append(joins_by_month_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org_id": org_id,
                "org_name": org_name,
                "organisations": organisations,
                "members": members,
                "new_form_members": new_form_members,
                "new_form_unions": new_form_unions,
                "new_form_enterprises": new_form_enterprises,
                "services": services,
                "joins_by_month": joins_by_month,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.monthly_joins import MonthlyJoins  # noqa: PLC0415

        d = dict(src_dict)
        org_id = UUID(d.pop("org_id"))

        org_name = d.pop("org_name")

        organisations = d.pop("organisations")

        members = d.pop("members")

        new_form_members = d.pop("new_form_members")

        new_form_unions = d.pop("new_form_unions")

        new_form_enterprises = d.pop("new_form_enterprises")

        services = d.pop("services")

        joins_by_month = []
        _joins_by_month = d.pop("joins_by_month")
        for joins_by_month_item_data in _joins_by_month:
            joins_by_month_item = MonthlyJoins.from_dict(joins_by_month_item_data)

            joins_by_month.append(joins_by_month_item)

        org_stats = cls(
            org_id=org_id,
            org_name=org_name,
            organisations=organisations,
            members=members,
            new_form_members=new_form_members,
            new_form_unions=new_form_unions,
            new_form_enterprises=new_form_enterprises,
            services=services,
            joins_by_month=joins_by_month,
        )

        org_stats.additional_properties = d
        return org_stats

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
