from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.employment_form import EmploymentForm
from ..models.join_application_state import JoinApplicationState

T = TypeVar("T", bound="JoinApplicationRead")


@_attrs_define
class JoinApplicationRead:
    """
    Attributes:
        id (UUID):
        org_id (UUID):
        invitation_id (UUID):
        name (str): As the applicant typed it
        id_number_masked (str):
        phone_masked (str): As the applicant typed it, masked
        employment_form (EmploymentForm):
        state (JoinApplicationState):
        decided_by (None | str):
        decided_at (datetime.datetime | None):
        reason (None | str):
        created_at (datetime.datetime):
    """

    id: UUID
    org_id: UUID
    invitation_id: UUID
    name: str
    id_number_masked: str
    phone_masked: str
    employment_form: EmploymentForm
    state: JoinApplicationState
    decided_by: None | str
    decided_at: datetime.datetime | None
    reason: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        org_id = str(self.org_id)

        invitation_id = str(self.invitation_id)

        name = self.name

        id_number_masked = self.id_number_masked

        phone_masked = self.phone_masked

        employment_form = self.employment_form.value

        state = self.state.value

        decided_by: None | str
        decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        reason: None | str
        reason = self.reason

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "org_id": org_id,
                "invitation_id": invitation_id,
                "name": name,
                "id_number_masked": id_number_masked,
                "phone_masked": phone_masked,
                "employment_form": employment_form,
                "state": state,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "reason": reason,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        org_id = UUID(d.pop("org_id"))

        invitation_id = UUID(d.pop("invitation_id"))

        name = d.pop("name")

        id_number_masked = d.pop("id_number_masked")

        phone_masked = d.pop("phone_masked")

        employment_form = EmploymentForm(d.pop("employment_form"))

        state = JoinApplicationState(d.pop("state"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        join_application_read = cls(
            id=id,
            org_id=org_id,
            invitation_id=invitation_id,
            name=name,
            id_number_masked=id_number_masked,
            phone_masked=phone_masked,
            employment_form=employment_form,
            state=state,
            decided_by=decided_by,
            decided_at=decided_at,
            reason=reason,
            created_at=created_at,
        )

        join_application_read.additional_properties = d
        return join_application_read

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
