"""Automatic assignment of judges to entries: every entry gets `per_entry` judges from the
stage's panel, never one in conflict with it, the load spread as evenly as the conflicts
allow. Pure: the service loads the facts and stores the answer."""

import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plan:
    new: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)  # (entry, judge)
    # Entries that cannot get enough judges without a conflict: the panel needs more judges.
    short: list[uuid.UUID] = field(default_factory=list)


def assign(
    entries: Sequence[uuid.UUID],
    judges: Sequence[uuid.UUID],
    per_entry: int,
    conflicted: Callable[[uuid.UUID, uuid.UUID], bool],
    existing: Mapping[uuid.UUID, set[uuid.UUID]],
) -> Plan:
    """Keeps what is already assigned (a re-run tops up), adds the least-loaded eligible
    judges, the most constrained entries first so they are not left without judges."""
    panel = set(judges)
    load: Counter[uuid.UUID] = Counter()
    for assigned in existing.values():
        load.update(j for j in assigned if j in panel)
    eligible = {e: [j for j in judges if not conflicted(j, e)] for e in entries}
    order = {j: n for n, j in enumerate(judges)}
    plan = Plan()
    for entry in sorted(entries, key=lambda e: (len(eligible[e]), str(e))):
        have = existing.get(entry, set())
        need = per_entry - len(have & panel)
        if need <= 0:
            continue
        candidates = sorted(
            (j for j in eligible[entry] if j not in have), key=lambda j: (load[j], order[j])
        )
        chosen = candidates[:need]
        for judge in chosen:
            load[judge] += 1
            plan.new.append((entry, judge))
        if len(chosen) < need:
            plan.short.append(entry)
    return plan
