import uuid
from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Counts:
    """A change of (or the value of) the counts of `OrgSubtreeTally`."""

    organisations: int = 0
    new_form_unions: int = 0
    members: int = 0
    new_form_members: int = 0
    new_form_enterprises: int = 0
    services: int = 0  # services given to workers (serving), at the organisation that gave them

    def __neg__(self) -> "Counts":
        return Counts(*(-value for value in self.values()))

    def values(self) -> tuple[int, ...]:
        return tuple(getattr(self, name) for name in COLUMNS)


COLUMNS = tuple(f.name for f in fields(Counts))

# A change of the counts of one organisation; applied to it and every ancestor.
Delta = tuple[uuid.UUID, Counts]
# A change of the joins of one organisation in one month (YYYY-MM).
JoinsDelta = tuple[uuid.UUID, str, int]
