"""Checking one row of an import: the same rules as a single registration."""

from membership.people.errors import InvalidPersonDataError
from membership.people.models import EmploymentForm
from membership.people.schemas import PersonIn

# Chinese labels spreadsheets use for the employment forms.
EMPLOYMENT_LABELS = {
    "职工": EmploymentForm.EMPLOYEE,
    "外卖骑手": EmploymentForm.DELIVERY_RIDER,
    "骑手": EmploymentForm.DELIVERY_RIDER,
    "快递员": EmploymentForm.COURIER,
    "快递小哥": EmploymentForm.COURIER,
    "货车司机": EmploymentForm.TRUCK_DRIVER,
    "网约车司机": EmploymentForm.RIDE_HAILING_DRIVER,
    "家政服务员": EmploymentForm.DOMESTIC_WORKER,
    "其他新就业形态": EmploymentForm.OTHER_NEW_FORM,
}


def employment_form(raw: str) -> EmploymentForm:
    if not raw:
        return EmploymentForm.EMPLOYEE
    if raw in EMPLOYMENT_LABELS:
        return EMPLOYMENT_LABELS[raw]
    try:
        return EmploymentForm(raw.lower())
    except ValueError:
        raise InvalidPersonDataError.at(
            "employment_form",
            f"Unknown employment form {raw!r}; use one of {', '.join(EMPLOYMENT_LABELS)}",
        ) from None


def person_from_row(row: dict[str, str]) -> PersonIn:
    name = row.get("name", "")
    if not name or len(name) > 100:
        raise InvalidPersonDataError.at("name", "A name of 1 to 100 characters is required")
    # The ID number and phone are checked when the person record is built (new_person),
    # with the same reasons a single registration gets.
    return PersonIn.model_construct(
        name=name,
        id_number=row.get("id_number", ""),
        phone=row.get("phone") or None,
        employment_form=employment_form(row.get("employment_form", "")),
    )
