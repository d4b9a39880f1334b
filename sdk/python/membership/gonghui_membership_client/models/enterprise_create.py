from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.size_class import SizeClass
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.union_bank_account_in import UnionBankAccountIn


T = TypeVar("T", bound="EnterpriseCreate")


@_attrs_define
class EnterpriseCreate:
    """
    Attributes:
        uscc (str): Unified Social Credit Code (GB 32100); case and surrounding spaces are ignored
        name (str):
        region_code (str):
        size_class (SizeClass):
        affiliated_org_id (UUID): The federation it is affiliated to
        union_org_id (None | Unset | UUID): Its own grassroots union, if it has one
        union_bank_account (None | UnionBankAccountIn | Unset): The bank account of its own union, if it has one
    """

    uscc: str
    name: str
    region_code: str
    size_class: SizeClass
    affiliated_org_id: UUID
    union_org_id: None | Unset | UUID = UNSET
    union_bank_account: None | UnionBankAccountIn | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.union_bank_account_in import UnionBankAccountIn  # noqa: PLC0415

        uscc = self.uscc

        name = self.name

        region_code = self.region_code

        size_class = self.size_class.value

        affiliated_org_id = str(self.affiliated_org_id)

        union_org_id: None | str | Unset
        if isinstance(self.union_org_id, Unset):
            union_org_id = UNSET
        elif isinstance(self.union_org_id, UUID):
            union_org_id = str(self.union_org_id)
        else:
            union_org_id = self.union_org_id

        union_bank_account: dict[str, Any] | None | Unset
        if isinstance(self.union_bank_account, Unset):
            union_bank_account = UNSET
        elif isinstance(self.union_bank_account, UnionBankAccountIn):
            union_bank_account = self.union_bank_account.to_dict()
        else:
            union_bank_account = self.union_bank_account

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "uscc": uscc,
                "name": name,
                "region_code": region_code,
                "size_class": size_class,
                "affiliated_org_id": affiliated_org_id,
            }
        )
        if union_org_id is not UNSET:
            field_dict["union_org_id"] = union_org_id
        if union_bank_account is not UNSET:
            field_dict["union_bank_account"] = union_bank_account

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.union_bank_account_in import UnionBankAccountIn  # noqa: PLC0415

        d = dict(src_dict)
        uscc = d.pop("uscc")

        name = d.pop("name")

        region_code = d.pop("region_code")

        size_class = SizeClass(d.pop("size_class"))

        affiliated_org_id = UUID(d.pop("affiliated_org_id"))

        def _parse_union_org_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                union_org_id_type_0 = UUID(data)

                return union_org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        union_org_id = _parse_union_org_id(d.pop("union_org_id", UNSET))

        def _parse_union_bank_account(data: object) -> None | UnionBankAccountIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                union_bank_account_type_0 = UnionBankAccountIn.from_dict(data)

                return union_bank_account_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UnionBankAccountIn | Unset, data)

        union_bank_account = _parse_union_bank_account(d.pop("union_bank_account", UNSET))

        enterprise_create = cls(
            uscc=uscc,
            name=name,
            region_code=region_code,
            size_class=size_class,
            affiliated_org_id=affiliated_org_id,
            union_org_id=union_org_id,
            union_bank_account=union_bank_account,
        )

        return enterprise_create
