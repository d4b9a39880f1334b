"""Automatic assignment, for random panels and conflicts: nobody scores an entry they are in
conflict with, every entry gets its judges when the panel allows, the load stays even."""

import uuid
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from competition.judging.assignment import assign


@st.composite
def panels(draw: st.DrawFn) -> tuple[list[uuid.UUID], list[uuid.UUID], int, set[tuple[int, int]]]:
    entries = [uuid.UUID(int=n + 1) for n in range(draw(st.integers(1, 40)))]
    judges = [uuid.UUID(int=1000 + n) for n in range(draw(st.integers(1, 9)))]
    per_entry = draw(st.integers(1, 5))
    conflicts = draw(
        st.sets(st.tuples(st.integers(0, len(judges) - 1), st.integers(0, len(entries) - 1)))
    )
    return entries, judges, per_entry, conflicts


@settings(max_examples=200)
@given(panels())
def test_assignment_respects_conflicts_and_covers_what_it_can(
    panel: tuple[list[uuid.UUID], list[uuid.UUID], int, set[tuple[int, int]]],
) -> None:
    entries, judges, per_entry, conflict_idx = panel
    conflicts = {(judges[j], entries[e]) for j, e in conflict_idx}
    plan = assign(entries, judges, per_entry, lambda j, e: (j, e) in conflicts, {})

    assert not [pair for pair in plan.new if (pair[1], pair[0]) in conflicts]
    assert len(set(plan.new)) == len(plan.new)
    got = Counter(entry for entry, _ in plan.new)
    for entry in entries:
        eligible = sum(1 for j in judges if (j, entry) not in conflicts)
        assert got[entry] == min(per_entry, eligible)
        assert (entry in plan.short) == (eligible < per_entry)


@settings(max_examples=200)
@given(st.integers(1, 60), st.integers(1, 9), st.integers(1, 5))
def test_without_conflicts_the_load_differs_by_at_most_one(
    entry_count: int, judge_count: int, per_entry: int
) -> None:
    entries = [uuid.uuid4() for _ in range(entry_count)]
    judges = [uuid.uuid4() for _ in range(judge_count)]
    plan = assign(entries, judges, per_entry, lambda j, e: False, {})
    load = Counter(judge for _, judge in plan.new)
    counts = [load[j] for j in judges]
    assert max(counts) - min(counts) <= 1


def test_a_rerun_keeps_what_was_assigned_and_tops_up() -> None:
    entries = [uuid.uuid4() for _ in range(3)]
    judges = [uuid.uuid4() for _ in range(4)]
    first = assign(entries, judges, 2, lambda j, e: False, {})
    existing: dict[uuid.UUID, set[uuid.UUID]] = {}
    for entry, judge in first.new:
        existing.setdefault(entry, set()).add(judge)
    dropped_entry, dropped_judge = first.new[0]
    existing[dropped_entry].discard(dropped_judge)
    again = assign(
        entries, judges, 2, lambda j, e: (j, e) == (dropped_judge, dropped_entry), existing
    )
    assert [entry for entry, _ in again.new] == [dropped_entry]
    assert again.new[0][1] != dropped_judge
