"""Personal data at rest: AES-GCM encryption, a keyed HMAC blind index for exact lookups,
and the masks every response and log uses.

Each ciphertext is bound to its field name (associated data), so a value cannot be moved
from one column to another and still decrypt.
"""

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from servicekit.settings import DEV_SECRET_PREFIX

NONCE_BYTES = 12
# Version byte in front of every ciphertext, so keys can be rotated without guessing.
KEY_VERSION = b"\x01"


class PiiKeyError(ValueError):
    pass


def _decode_key(raw: str, name: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    except ValueError as exc:
        raise PiiKeyError(f"{name} must be urlsafe base64") from exc
    if len(key) != 32:
        raise PiiKeyError(f"{name} must decode to 32 bytes")
    return key


def derive_dev_key(label: str) -> bytes:
    # Development default only; the settings refuse it in production.
    return hashlib.sha256(label.encode()).digest()


class PiiCipher:
    def __init__(self, encryption_key: bytes, index_key: bytes) -> None:
        self._aead = AESGCM(encryption_key)
        self._index_key = index_key
        # Per field, the keyed digest already fed "field:": each index copies it and adds the
        # value (the hmac module's way to digest strings with a common start; a quarter of
        # the cost of keying a new one, which intake pays per fee record).
        self._indexes: dict[str, hmac.HMAC] = {}

    @classmethod
    def from_settings(cls, encryption_key: str, index_key: str) -> "PiiCipher":
        return cls(
            _decode_or_derive(encryption_key, "PII key"), _decode_or_derive(index_key, "index key")
        )

    def encrypt(self, field: str, value: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return KEY_VERSION + nonce + self._aead.encrypt(nonce, value.encode(), field.encode())

    def decrypt(self, field: str, blob: bytes) -> str:
        if blob[:1] != KEY_VERSION:
            raise PiiKeyError("unknown key version")
        nonce, ciphertext = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        return self._aead.decrypt(nonce, ciphertext, field.encode()).decode()

    def blind_index(self, field: str, value: str) -> bytes:
        """Deterministic keyed digest: equal values find each other, the value stays hidden."""
        keyed = self._indexes.get(field)
        if keyed is None:
            keyed = hmac.new(self._index_key, f"{field}:".encode(), hashlib.sha256)
            self._indexes[field] = keyed
        index = keyed.copy()
        index.update(value.encode())
        return index.digest()


def _decode_or_derive(raw: str, name: str) -> bytes:
    if raw.startswith(DEV_SECRET_PREFIX):
        return derive_dev_key(raw)
    return _decode_key(raw, name)


def mask_id_number(value: str) -> str:
    """`110105199001011234` → `110105********1234`: region kept, birth date hidden."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """`13812345678` → `138****5678`."""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_account_number(value: str) -> str:
    """Bank account: only the last four digits remain, as on a bank statement."""
    digits = value.replace(" ", "")
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_name(value: str) -> str:
    """`张三丰` → `张**`, `Li Lei` → `L*****`: enough for a counter clerk to greet."""
    if not value:
        return value
    return value[0] + "*" * (len(value) - 1)
