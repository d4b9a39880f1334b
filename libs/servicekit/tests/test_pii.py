"""Blind indexes are stored (fee records' payment fingerprints, members' phones and ID
numbers): whatever makes them faster, a value must index to the same bytes as ever."""

import hashlib
import hmac
import os

from servicekit.pii import PiiCipher


def test_a_blind_index_is_hmac_sha256_of_field_and_value_under_the_index_key() -> None:
    index_key = os.urandom(32)
    cipher = PiiCipher(os.urandom(32), index_key)
    for field, value in [
        ("fee_record.payment", "91350102MA00000011|2026-03|6228000000001|800.00|..."),
        ("phone", "13800000000"),
        ("phone", "13900000000"),  # the same field again: no state carried from the last one
        ("fee_record.payment", ""),
        ("id_number", "11010519900101123X 张三"),
    ]:
        expected = hmac.new(index_key, f"{field}:{value}".encode(), hashlib.sha256).digest()
        assert cipher.blind_index(field, value) == expected


def test_equal_values_meet_and_other_keys_or_fields_do_not() -> None:
    key = os.urandom(32)
    one, same_key, other_key = (
        PiiCipher(os.urandom(32), key),
        PiiCipher(os.urandom(32), key),
        PiiCipher(os.urandom(32), os.urandom(32)),
    )
    assert one.blind_index("phone", "13800000000") == same_key.blind_index("phone", "13800000000")
    assert one.blind_index("phone", "13800000000") != other_key.blind_index("phone", "13800000000")
    assert one.blind_index("phone", "13800000000") != one.blind_index("id_number", "13800000000")
