"""A sheet's marks against the event's rubric: every mark within its criterion's range,
the total exact (Decimal, weight × value summed)."""

from decimal import Decimal

from competition.contests.rules import Rubric
from competition.scoring.errors import InvalidMarksError

# Totals carry the 5 places a mark (3) times a weight (2) can have, as the column stores them.
TOTAL_PLACES = Decimal("0.00001")


def checked(rubric: Rubric, marks: dict[str, Decimal], complete: bool) -> dict[str, Decimal]:
    codes = {c.code for c in rubric.criteria}
    unknown = sorted(set(marks) - codes)
    if unknown:
        raise InvalidMarksError(f"Not criteria of this event: {', '.join(unknown)}")
    for criterion in rubric.criteria:
        mark = marks.get(criterion.code)
        if mark is None:
            if complete:
                raise InvalidMarksError(f"{criterion.name} ({criterion.code}) has no mark")
            continue
        if not criterion.min_mark <= mark <= criterion.max_mark:
            raise InvalidMarksError(
                f"{criterion.name} takes marks from {criterion.min_mark} to {criterion.max_mark}"
            )
    return marks


def total(rubric: Rubric, marks: dict[str, Decimal]) -> Decimal | None:
    """The weighted total, once every criterion has a mark."""
    if any(c.code not in marks for c in rubric.criteria):
        return None
    exact = sum((c.weighted(marks[c.code]) for c in rubric.criteria), Decimal(0))
    return exact.quantize(TOTAL_PLACES)
