"""Blind entry codes: what judges see instead of names. Random rather than sequential, so a
code says nothing about who registered when; no 0/O or 1/I to misread on a score sheet."""

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 6  # 32^6 ≈ 1.07e9 codes: collisions inside one competition are rare and retried


def new_codes(count: int, taken: set[str] | None = None) -> list[str]:
    taken = set(taken or ())
    codes: list[str] = []
    while len(codes) < count:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if code not in taken:
            taken.add(code)
            codes.append(code)
    return codes
