"""Resident ID numbers (GB 11643-1999) and mainland mobile numbers."""

import re
from datetime import date

from membership.people.errors import InvalidPersonDataError

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^[1-8]\d{16}[\dX]$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def check_digit(first17: str) -> str:
    return _CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def normalise_id_number(raw: str, field: str = "id_number") -> str:
    """The canonical 18-character form, or a 422 that says what is wrong."""
    value = raw.strip().upper()
    if len(value) != 18:
        raise InvalidPersonDataError.at(field, "A resident ID number has 18 characters")
    if not _SHAPE.match(value):
        raise InvalidPersonDataError.at(
            field, "A resident ID number is 17 digits and a digit or X, starting with 1-8"
        )
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidPersonDataError.at(
            field, "Characters 7-14 are not a valid birth date"
        ) from None
    if born > date.today() or born.year < 1900:
        raise InvalidPersonDataError.at(field, "The birth date in the ID number is not plausible")
    if check_digit(value[:17]) != value[17]:
        raise InvalidPersonDataError.at(field, "The check digit does not match (GB 11643)")
    return value


def normalise_phone(raw: str, field: str = "phone") -> str:
    value = re.sub(r"[\s-]", "", raw).removeprefix("+86")
    if not _MOBILE.match(value):
        raise InvalidPersonDataError.at(field, "A mobile number is 11 digits starting with 13-19")
    return value
