"""Password and client-secret hashing (argon2 through pwdlib), off the event loop."""

import asyncio

from pwdlib import PasswordHash

_hasher = PasswordHash.recommended()
# Verified when the account does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("never-a-real-password")


async def hash_secret(secret: str) -> str:
    return await asyncio.to_thread(_hasher.hash, secret)


async def verify_secret(secret: str, secret_hash: str | None) -> bool:
    matches = await asyncio.to_thread(_hasher.verify, secret, secret_hash or _DUMMY_HASH)
    return matches and secret_hash is not None
