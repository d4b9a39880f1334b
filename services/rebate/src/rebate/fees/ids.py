"""Record ids."""

import os
import time
import uuid

_VERSION_FIELD, _VERSION_7 = 0xF << 76, 0x7 << 76
_VARIANT_FIELD, _VARIANT_RFC = 0b11 << 62, 0b10 << 62


def new_ids(count: int) -> list[uuid.UUID]:
    """Time-ordered ids (UUID version 7, RFC 9562; `uuid.uuid7` arrives with Python 3.14), with
    one system call for all of them instead of one each. A batch's ids sit side by side in
    the primary-key index, so its inserts and the foreign-key checks that look its rows up
    touch a few pages instead of one random page per row."""
    # 48 bits of Unix milliseconds, then 80 random bits less the version and variant fields.
    prefix = (time.time_ns() // 1_000_000) << 80
    pool = os.urandom(10 * count)
    ids = []
    for i in range(0, 10 * count, 10):
        n = prefix | int.from_bytes(pool[i : i + 10])
        n = (n & ~_VERSION_FIELD | _VERSION_7) & ~_VARIANT_FIELD | _VARIANT_RFC
        ids.append(uuid.UUID(int=n))
    return ids
