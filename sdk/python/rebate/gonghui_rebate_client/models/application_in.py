from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.applicant_account_in import ApplicantAccountIn


T = TypeVar("T", bound="ApplicationIn")


@_attrs_define
class ApplicationIn:
    """
    Attributes:
        period (str):
        contact_name (str):
        contact_phone (str):
        destination (ApplicantAccountIn | None | Unset): The enterprise's own word on where to pay this application's
            case (not its supplementary cases, and not once the case was rejected); an admin applying on its behalf names
            none
        uscc (None | str | Unset): Admins only, applying on the enterprise's behalf; an enterprise account applies for
            its own credit code
    """

    period: str
    contact_name: str
    contact_phone: str
    destination: ApplicantAccountIn | None | Unset = UNSET
    uscc: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.applicant_account_in import ApplicantAccountIn  # noqa: PLC0415

        period = self.period

        contact_name = self.contact_name

        contact_phone = self.contact_phone

        destination: dict[str, Any] | None | Unset
        if isinstance(self.destination, Unset):
            destination = UNSET
        elif isinstance(self.destination, ApplicantAccountIn):
            destination = self.destination.to_dict()
        else:
            destination = self.destination

        uscc: None | str | Unset
        if isinstance(self.uscc, Unset):
            uscc = UNSET
        else:
            uscc = self.uscc

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "period": period,
                "contact_name": contact_name,
                "contact_phone": contact_phone,
            }
        )
        if destination is not UNSET:
            field_dict["destination"] = destination
        if uscc is not UNSET:
            field_dict["uscc"] = uscc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.applicant_account_in import ApplicantAccountIn  # noqa: PLC0415

        d = dict(src_dict)
        period = d.pop("period")

        contact_name = d.pop("contact_name")

        contact_phone = d.pop("contact_phone")

        def _parse_destination(data: object) -> ApplicantAccountIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                destination_type_0 = ApplicantAccountIn.from_dict(data)

                return destination_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApplicantAccountIn | None | Unset, data)

        destination = _parse_destination(d.pop("destination", UNSET))

        def _parse_uscc(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uscc = _parse_uscc(d.pop("uscc", UNSET))

        application_in = cls(
            period=period,
            contact_name=contact_name,
            contact_phone=contact_phone,
            destination=destination,
            uscc=uscc,
        )

        return application_in
