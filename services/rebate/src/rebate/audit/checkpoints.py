"""Anchors for the audit chain: signed checkpoints of its head.

A hash chain alone proves nothing about its tail: whoever deletes the last events, or rewrites
them and recomputes the hashes, leaves a chain that verifies. A checkpoint states, signed with a
key the database does not hold, "the chain had N events ending in hash H at time T"; the
verification then fails when the chain is shorter than N or differs at event N. Checkpoints are
published, so outside parties can keep copies that even a rewrite of this table cannot change.
"""

import asyncio
import base64
import contextlib
import hashlib
import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rebate.audit.models import AuditCheckpoint
from rebate.audit.repository import AuditRepository
from rebate.audit.service import GENESIS, AuditLog
from servicekit.pii import derive_dev_key
from servicekit.settings import DEV_SECRET_PREFIX

logger = logging.getLogger(__name__)

STATEMENT_VERSION = "gonghui-rebate-audit-checkpoint/v1"


def signed_time(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def statement(event_count: int, head_hash: str, at: datetime) -> str:
    """The exact text that is signed; published with each checkpoint so anyone can verify it."""
    return f"{STATEMENT_VERSION}\n{event_count}\n{head_hash}\n{signed_time(at)}"


def key_id(public_key: Ed25519PublicKey) -> str:
    return hashlib.sha256(raw_bytes(public_key)).hexdigest()[:16]


def raw_bytes(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


class CheckpointSigner:
    """Signs with the current key; verifies with it and with the public keys of retired ones,
    so that a key can be rotated without voiding the checkpoints it signed."""

    def __init__(
        self, private_key: Ed25519PrivateKey, retired: Sequence[Ed25519PublicKey] = ()
    ) -> None:
        self._private_key = private_key
        public_key = private_key.public_key()
        self.key_id = key_id(public_key)
        self.public_key_b64 = base64.b64encode(raw_bytes(public_key)).decode()
        self.retired = {key_id(k): base64.b64encode(raw_bytes(k)).decode() for k in retired}
        self._trusted = {key_id(k): k for k in (*retired, public_key)}

    @classmethod
    def from_settings(
        cls, seed: str, retired_public_keys: Sequence[str] = ()
    ) -> "CheckpointSigner":
        """A 32-byte Ed25519 seed in urlsafe base64 (the development default is derived), and
        raw public keys in base64."""
        if seed.startswith(DEV_SECRET_PREFIX):
            raw = derive_dev_key(seed)
        else:
            raw = base64.urlsafe_b64decode(seed + "=" * (-len(seed) % 4))
            if len(raw) != 32:
                raise ValueError("the audit signing key must decode to 32 bytes")
        retired = [
            Ed25519PublicKey.from_public_bytes(base64.b64decode(k)) for k in retired_public_keys
        ]
        return cls(Ed25519PrivateKey.from_private_bytes(raw), retired)

    def sign(self, event_count: int, head_hash: str, at: datetime) -> AuditCheckpoint:
        signature = self._private_key.sign(statement(event_count, head_hash, at).encode())
        return AuditCheckpoint(
            event_count=event_count,
            head_hash=head_hash,
            at=at,
            key_id=self.key_id,
            signature=base64.b64encode(signature).decode(),
        )

    def is_genuine(self, checkpoint: AuditCheckpoint) -> bool:
        public_key = self._trusted.get(checkpoint.key_id)
        if public_key is None:
            return False
        message = statement(checkpoint.event_count, checkpoint.head_hash, checkpoint.at)
        try:
            public_key.verify(base64.b64decode(checkpoint.signature), message.encode())
        except (InvalidSignature, ValueError):
            return False
        return True


async def write_checkpoint(
    session: AsyncSession, signer: CheckpointSigner
) -> AuditCheckpoint | None:
    """Sign the chain's head if it grew since the last checkpoint; None when there is nothing
    new, another writer holds the turn, or the chain no longer extends the last checkpoint
    (then signing would anchor the forgery; the verification reports it). Callable from any
    process, in the caller's transaction."""
    repo = AuditRepository(session)
    if not await repo.try_checkpoint_turn():
        return None
    last = await repo.latest_checkpoint()
    start_count, start_hash = (last.event_count, last.head_hash) if last else (0, GENESIS)
    if last is not None and (
        not signer.is_genuine(last) or await repo.hash_at(last.event_count) != last.head_hash
    ):
        logger.error("audit chain does not extend its last checkpoint; not signing")
        return None
    walk = await AuditLog(session).walk(start_count, start_hash)
    if walk.broken is not None:
        logger.error("audit chain broken at event %s; not signing", walk.broken.id)
        return None
    if walk.last_id == start_count:
        return None
    checkpoint = signer.sign(walk.last_id, walk.last_hash, datetime.now(UTC))
    await repo.add_checkpoint(checkpoint)
    return checkpoint


async def keep_checkpointing(
    sessions: async_sessionmaker[AsyncSession],
    signer: CheckpointSigner,
    interval_seconds: float,
    stop: asyncio.Event,
) -> None:
    """A checkpoint at start and then every interval, until `stop` is set."""
    while not stop.is_set():
        try:
            async with sessions() as session, session.begin():
                await write_checkpoint(session, signer)
        except Exception:
            logger.exception("audit checkpoint failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval_seconds)
