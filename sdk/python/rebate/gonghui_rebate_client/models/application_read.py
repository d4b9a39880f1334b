from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_status import CaseStatus

if TYPE_CHECKING:
    from ..models.applicant_account_read import ApplicantAccountRead


T = TypeVar("T", bound="ApplicationRead")


@_attrs_define
class ApplicationRead:
    """
    Attributes:
        id (UUID):
        uscc (str):
        enterprise_name (str):
        period (str):
        policy_id (UUID):
        case_id (UUID):
        state (CaseStatus):
        status_reason (None | str):
        refund (str):
        contact_name (str):
        contact_phone_masked (str):
        destination (ApplicantAccountRead | None):
        applied_by (str):
        created_at (datetime.datetime):
    """

    id: UUID
    uscc: str
    enterprise_name: str
    period: str
    policy_id: UUID
    case_id: UUID
    state: CaseStatus
    status_reason: None | str
    refund: str
    contact_name: str
    contact_phone_masked: str
    destination: ApplicantAccountRead | None
    applied_by: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.applicant_account_read import ApplicantAccountRead  # noqa: PLC0415

        id = str(self.id)

        uscc = self.uscc

        enterprise_name = self.enterprise_name

        period = self.period

        policy_id = str(self.policy_id)

        case_id = str(self.case_id)

        state = self.state.value

        status_reason: None | str
        status_reason = self.status_reason

        refund = self.refund

        contact_name = self.contact_name

        contact_phone_masked = self.contact_phone_masked

        destination: dict[str, Any] | None
        if isinstance(self.destination, ApplicantAccountRead):
            destination = self.destination.to_dict()
        else:
            destination = self.destination

        applied_by = self.applied_by

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "uscc": uscc,
                "enterprise_name": enterprise_name,
                "period": period,
                "policy_id": policy_id,
                "case_id": case_id,
                "state": state,
                "status_reason": status_reason,
                "refund": refund,
                "contact_name": contact_name,
                "contact_phone_masked": contact_phone_masked,
                "destination": destination,
                "applied_by": applied_by,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.applicant_account_read import ApplicantAccountRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        uscc = d.pop("uscc")

        enterprise_name = d.pop("enterprise_name")

        period = d.pop("period")

        policy_id = UUID(d.pop("policy_id"))

        case_id = UUID(d.pop("case_id"))

        state = CaseStatus(d.pop("state"))

        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))

        refund = d.pop("refund")

        contact_name = d.pop("contact_name")

        contact_phone_masked = d.pop("contact_phone_masked")

        def _parse_destination(data: object) -> ApplicantAccountRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                destination_type_0 = ApplicantAccountRead.from_dict(data)

                return destination_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApplicantAccountRead | None, data)

        destination = _parse_destination(d.pop("destination"))

        applied_by = d.pop("applied_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        application_read = cls(
            id=id,
            uscc=uscc,
            enterprise_name=enterprise_name,
            period=period,
            policy_id=policy_id,
            case_id=case_id,
            state=state,
            status_reason=status_reason,
            refund=refund,
            contact_name=contact_name,
            contact_phone_masked=contact_phone_masked,
            destination=destination,
            applied_by=applied_by,
            created_at=created_at,
        )

        application_read.additional_properties = d
        return application_read

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
