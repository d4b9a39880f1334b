"""The Unified Social Credit Code (统一社会信用代码), GB 32100-2015.

18 characters: registration authority (1), institution category (1), administrative division
(6 digits, GB/T 2260), organisation code (9), check character (1). A code that is not even
well-formed is refused; a wrong check character is only flagged, because registers and old
certificates carry such codes and refusing them would lose the enterprise altogether.
"""

from dataclasses import dataclass

# The letters I, O, S, V and Z are never used: they are too easily read as 1, 0, 5, U and 2.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
_MODULUS = len(ALPHABET)  # 31, a prime: any single changed character changes the check
WEIGHTS = tuple(pow(3, i, _MODULUS) for i in range(LENGTH - 1))
# 0-based slice of the administrative division code.
DIVISION = slice(2, 8)


class UsccFormatError(ValueError):
    """The code is not well-formed; `kind` is a stable machine-readable reason."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True, slots=True)
class Uscc:
    code: str
    check_ok: bool


def normalise(raw: str) -> str:
    return raw.strip().upper()


def check_character(body: str) -> str:
    """The check character for the first 17 characters (which must be in the alphabet)."""
    total = sum(_VALUES[char] * weight for char, weight in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(_MODULUS - total % _MODULUS) % _MODULUS]


def parse(raw: str) -> Uscc:
    """Normalise and check `raw`; raises UsccFormatError when it is not well-formed."""
    code = normalise(raw)
    if len(code) != LENGTH:
        raise UsccFormatError(
            "uscc_length", f"A credit code has {LENGTH} characters, this one has {len(code)}"
        )
    for position, char in enumerate(code, start=1):
        if char not in _VALUES:
            raise UsccFormatError(
                "uscc_alphabet",
                f"Character {position} ({char!r}) is not allowed: only digits and the capital "
                "letters A-Y except I, O, S, V",
            )
    if not code[DIVISION].isdigit():
        raise UsccFormatError(
            "uscc_division",
            "Characters 3-8 are the administrative division code and must be digits",
        )
    return Uscc(code=code, check_ok=check_character(code[:-1]) == code[-1])
