"""GB 32100-2015 credit codes: well-formedness is required, the check character only flagged."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from membership.enterprises.uscc import (
    ALPHABET,
    DIVISION,
    WEIGHTS,
    UsccFormatError,
    check_character,
    parse,
)

DIGITS = "0123456789"
# Published codes (tencent, huawei, alibaba ...) and the example in the issue.
REAL_CODES = [
    "91350100M000100Y43",
    "91440300708461136T",
    "914403001922038216",
    "91330100716105852F",
    "91110000802100433B",
]


def _position_alphabet(index: int) -> str:
    return DIGITS if DIVISION.start <= index < DIVISION.stop else ALPHABET


bodies = st.tuples(*(st.sampled_from(_position_alphabet(i)) for i in range(17))).map("".join)


def test_weights_are_powers_of_three_mod_31() -> None:
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass(code: str) -> None:
    assert parse(code).check_ok


def test_input_is_stripped_and_upper_cased() -> None:
    assert parse("  91350100m000100y43 \n").code == "91350100M000100Y43"


@given(bodies)
def test_a_computed_check_character_always_passes(body: str) -> None:
    code = body + check_character(body)
    assert parse(code).check_ok


@given(bodies, st.integers(min_value=0, max_value=17), st.data())
def test_changing_any_one_character_is_flagged(body: str, index: int, data: st.DataObject) -> None:
    code = body + check_character(body)
    allowed = _position_alphabet(index) if index < 17 else ALPHABET
    replacement = data.draw(st.sampled_from([c for c in allowed if c != code[index]]))
    changed = code[:index] + replacement + code[index + 1 :]
    result = parse(changed)
    assert not result.check_ok


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("91350100M000100Y4", "uscc_length"),
        ("91350100M000100Y433", "uscc_length"),
        ("", "uscc_length"),
        ("91350100M000100I43", "uscc_alphabet"),  # I is never used
        ("91350100M000100O43", "uscc_alphabet"),
        ("9135010OM000100Y43", "uscc_alphabet"),
        ("91350100M-00100Y43", "uscc_alphabet"),
        ("913501A0M000100Y43", "uscc_division"),  # a letter inside the division code
    ],
)
def test_malformed_codes_are_refused_with_a_reason(code: str, kind: str) -> None:
    with pytest.raises(UsccFormatError) as raised:
        parse(code)
    assert raised.value.kind == kind
