from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.size_class import SizeClass

if TYPE_CHECKING:
    from ..models.union_bank_account_read import UnionBankAccountRead


T = TypeVar("T", bound="EnterpriseRead")


@_attrs_define
class EnterpriseRead:
    """
    Attributes:
        id (UUID):
        uscc (str):
        needs_review (bool): The GB 32100 check character does not match: kept, but a person should look
        name (str):
        region_code (str):
        size_class (SizeClass):
        affiliated_org_id (UUID):
        union_org_id (None | UUID):
        union_bank_account (None | UnionBankAccountRead):
        created_at (datetime.datetime):
    """

    id: UUID
    uscc: str
    needs_review: bool
    name: str
    region_code: str
    size_class: SizeClass
    affiliated_org_id: UUID
    union_org_id: None | UUID
    union_bank_account: None | UnionBankAccountRead
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.union_bank_account_read import UnionBankAccountRead  # noqa: PLC0415

        id = str(self.id)

        uscc = self.uscc

        needs_review = self.needs_review

        name = self.name

        region_code = self.region_code

        size_class = self.size_class.value

        affiliated_org_id = str(self.affiliated_org_id)

        union_org_id: None | str
        if isinstance(self.union_org_id, UUID):
            union_org_id = str(self.union_org_id)
        else:
            union_org_id = self.union_org_id

        union_bank_account: dict[str, Any] | None
        if isinstance(self.union_bank_account, UnionBankAccountRead):
            union_bank_account = self.union_bank_account.to_dict()
        else:
            union_bank_account = self.union_bank_account

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "uscc": uscc,
                "needs_review": needs_review,
                "name": name,
                "region_code": region_code,
                "size_class": size_class,
                "affiliated_org_id": affiliated_org_id,
                "union_org_id": union_org_id,
                "union_bank_account": union_bank_account,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.union_bank_account_read import UnionBankAccountRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        uscc = d.pop("uscc")

        needs_review = d.pop("needs_review")

        name = d.pop("name")

        region_code = d.pop("region_code")

        size_class = SizeClass(d.pop("size_class"))

        affiliated_org_id = UUID(d.pop("affiliated_org_id"))

        def _parse_union_org_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                union_org_id_type_0 = UUID(data)

                return union_org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        union_org_id = _parse_union_org_id(d.pop("union_org_id"))

        def _parse_union_bank_account(data: object) -> None | UnionBankAccountRead:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                union_bank_account_type_0 = UnionBankAccountRead.from_dict(data)

                return union_bank_account_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UnionBankAccountRead, data)

        union_bank_account = _parse_union_bank_account(d.pop("union_bank_account"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        enterprise_read = cls(
            id=id,
            uscc=uscc,
            needs_review=needs_review,
            name=name,
            region_code=region_code,
            size_class=size_class,
            affiliated_org_id=affiliated_org_id,
            union_org_id=union_org_id,
            union_bank_account=union_bank_account,
            created_at=created_at,
        )

        enterprise_read.additional_properties = d
        return enterprise_read

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
