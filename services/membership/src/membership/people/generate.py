"""Well-formed resident ID numbers for demo data, benchmarks and tests (never real people)."""

from membership.people.id_numbers import check_digit


def valid_id_number(serial: int, region: str = "330102", born: str = "19900307") -> str:
    """The `serial`-th (0-999) ID number of a person born on `born` in `region`."""
    first17 = f"{region}{born}{serial % 1000:03d}"
    return first17 + check_digit(first17)
