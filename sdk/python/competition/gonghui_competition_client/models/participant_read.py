from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ParticipantRead")


@_attrs_define
class ParticipantRead:
    """
    Attributes:
        seq (int):
        membership_no (None | str):
        name (str):
        employment_form (None | str):
        org_id (None | UUID):
        org_name (None | str):
        school (None | str):
    """

    seq: int
    membership_no: None | str
    name: str
    employment_form: None | str
    org_id: None | UUID
    org_name: None | str
    school: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        membership_no: None | str
        membership_no = self.membership_no

        name = self.name

        employment_form: None | str
        employment_form = self.employment_form

        org_id: None | str
        if isinstance(self.org_id, UUID):
            org_id = str(self.org_id)
        else:
            org_id = self.org_id

        org_name: None | str
        org_name = self.org_name

        school: None | str
        school = self.school

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seq": seq,
                "membership_no": membership_no,
                "name": name,
                "employment_form": employment_form,
                "org_id": org_id,
                "org_name": org_name,
                "school": school,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        seq = d.pop("seq")

        def _parse_membership_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        membership_no = _parse_membership_no(d.pop("membership_no"))

        name = d.pop("name")

        def _parse_employment_form(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        employment_form = _parse_employment_form(d.pop("employment_form"))

        def _parse_org_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                org_id_type_0 = UUID(data)

                return org_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        org_id = _parse_org_id(d.pop("org_id"))

        def _parse_org_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        org_name = _parse_org_name(d.pop("org_name"))

        def _parse_school(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        school = _parse_school(d.pop("school"))

        participant_read = cls(
            seq=seq,
            membership_no=membership_no,
            name=name,
            employment_form=employment_form,
            org_id=org_id,
            org_name=org_name,
            school=school,
        )

        participant_read.additional_properties = d
        return participant_read

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
