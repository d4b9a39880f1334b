"""Ids of fee records, cases and queue entries: valid, unique and in the order made."""

import time
import uuid

from rebate.fees.ids import new_ids


def test_ids_are_uuid7_unique_and_time_ordered() -> None:
    first = new_ids(10_000)
    time.sleep(0.002)
    later = new_ids(3)
    assert len(set(first + later)) == 10_003
    for made in first + later:
        assert made.version == 7
        assert made.variant == uuid.RFC_4122
        assert str(made) == str(uuid.UUID(str(made)))
    assert max(first) < min(later)
    millis = first[0].int >> 80
    assert abs(millis - time.time_ns() // 1_000_000) < 5_000
