"""Defect 12: the audit chain's head is anchored by signed checkpoints. Tried as whoever can
write the tables (a superuser past the append-only trigger): a deleted tail, a rewritten and
re-hashed tail, and a forged checkpoint all make the verification fail."""

import asyncio
import base64
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fastapi import FastAPI
from pydantic import ValidationError
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from rebate.audit.checkpoints import CheckpointSigner, keep_checkpointing, write_checkpoint
from rebate.audit.models import AuditCheckpoint, AuditEvent
from rebate.audit.service import AuditLog, Step, link_hash
from rebate.settings import RebateSettings


async def append(session: AsyncSession, count: int, kind: str = "test.step") -> None:
    await AuditLog(session).append(*(Step(kind, "tester", {"n": n}) for n in range(count)))
    await session.flush()


async def verify(client: httpx.AsyncClient, auth: Any) -> dict[str, Any]:
    response = await client.get("/v1/audit/verify", headers=auth("admin"))
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def past_the_trigger(session: AsyncSession) -> None:
    """What a superuser can do and the service's role cannot (see test_append_only)."""
    await session.execute(text("SET LOCAL session_replication_role = replica"))


async def test_a_checkpoint_signs_the_head_and_anyone_can_verify_it(
    app: FastAPI, client: httpx.AsyncClient, auth: Any, session: AsyncSession
) -> None:
    await append(session, 3)
    checkpoint = await write_checkpoint(session, app.state.audit_signer)
    assert checkpoint is not None
    head = await session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    assert head is not None
    assert (checkpoint.event_count, checkpoint.head_hash) == (head.id, head.hash)

    page = (await client.get("/v1/audit/checkpoints", headers=auth("admin"))).json()
    [published] = page["items"]
    assert page["algorithm"] == "Ed25519"
    # As an outside witness: only the published public key and the published statement.
    public_key = Ed25519PublicKey.from_public_bytes(base64.b64decode(page["public_key"]))
    public_key.verify(base64.b64decode(published["signature"]), published["statement"].encode())
    assert published["statement"].split("\n")[1:3] == [str(head.id), head.hash]

    assert (await client.get("/v1/audit/checkpoints", headers=auth("cadre"))).status_code == 403
    assert (await client.get("/v1/audit/checkpoints", headers=auth("service"))).status_code == 200


async def test_nothing_new_means_no_new_checkpoint(app: FastAPI, session: AsyncSession) -> None:
    signer = app.state.audit_signer
    assert await write_checkpoint(session, signer) is None  # an empty chain
    await append(session, 2)
    assert await write_checkpoint(session, signer) is not None
    assert await write_checkpoint(session, signer) is None
    await append(session, 1)
    assert await write_checkpoint(session, signer) is not None


async def test_a_deleted_tail_fails_verification(
    app: FastAPI, client: httpx.AsyncClient, auth: Any, session: AsyncSession
) -> None:
    await append(session, 5)
    await write_checkpoint(session, app.state.audit_signer)
    assert (await verify(client, auth))["intact"] is True

    await past_the_trigger(session)
    last = await session.scalar(select(func.max(AuditEvent.id)))
    await session.execute(text("DELETE FROM rebate.audit_event WHERE id >= :id"), {"id": last - 1})

    checked = await verify(client, auth)
    assert checked["intact"] is False
    assert checked["problem"] == "shorter-than-checkpoint"
    assert checked["anchored_events"] == last


async def test_a_rewritten_and_rehashed_tail_fails_verification(
    app: FastAPI, client: httpx.AsyncClient, auth: Any, session: AsyncSession
) -> None:
    await append(session, 4)
    await write_checkpoint(session, app.state.audit_signer)

    # The forger recomputes every hash after the edit, so each link checks out by itself.
    await past_the_trigger(session)
    events = list(await session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    victim = events[-2]
    prev_hash = victim.prev_hash
    for event in events[-2:]:
        detail = {"n": "forged"} if event is victim else event.detail
        step = Step(event.kind, event.actor, detail, event.case_id)
        digest = link_hash(prev_hash, event.id, step, event.at)
        await session.execute(
            text(
                "UPDATE rebate.audit_event SET detail = CAST(:d AS jsonb), prev_hash = :p,"
                " hash = :h WHERE id = :id"
            ),
            {
                "d": '{"n": "forged"}' if event is victim else '{"n": 3}',
                "p": prev_hash,
                "h": digest,
                "id": event.id,
            },
        )
        prev_hash = digest

    checked = await verify(client, auth)
    assert checked["intact"] is False
    assert checked["problem"] == "differs-from-checkpoint"
    assert checked["first_broken_event_id"] == events[-1].id


async def test_a_checkpoint_signed_by_another_key_fails_verification(
    client: httpx.AsyncClient, auth: Any, session: AsyncSession
) -> None:
    await append(session, 2)
    forger = CheckpointSigner(Ed25519PrivateKey.generate())
    await write_checkpoint(session, forger)
    checked = await verify(client, auth)
    assert checked["intact"] is False
    assert checked["problem"] == "bad-checkpoint-signature"


async def test_no_checkpoint_is_signed_over_a_cut_chain(
    app: FastAPI, session: AsyncSession
) -> None:
    signer = app.state.audit_signer
    await append(session, 4)
    await write_checkpoint(session, signer)
    await past_the_trigger(session)
    last = await session.scalar(select(func.max(AuditEvent.id)))
    await session.execute(text("DELETE FROM rebate.audit_event WHERE id = :id"), {"id": last})
    await session.execute(text("SET LOCAL session_replication_role = origin"))
    await append(session, 3)  # the chain grows again from the cut
    assert await write_checkpoint(session, signer) is None


async def test_one_writer_at_a_time(
    app: FastAPI, engine: AsyncEngine, session: AsyncSession
) -> None:
    await append(session, 2)
    async with engine.connect() as other, other.begin():
        # Another process holds the turn: this one skips instead of waiting or doubling up.
        await write_checkpoint(AsyncSession(other), app.state.audit_signer)
        assert await write_checkpoint(session, app.state.audit_signer) is None
    assert await write_checkpoint(session, app.state.audit_signer) is not None


async def test_the_periodic_writer_anchors_what_is_appended(
    app: FastAPI, db_connection: AsyncConnection, session: AsyncSession
) -> None:
    sessions = async_sessionmaker(
        bind=db_connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    await append(session, 2)
    stop = asyncio.Event()
    task = asyncio.create_task(keep_checkpointing(sessions, app.state.audit_signer, 0.05, stop))
    await asyncio.sleep(0.3)
    stop.set()
    await task
    counts = list(await session.scalars(select(AuditCheckpoint.event_count)))
    assert counts == [await session.scalar(select(func.max(AuditEvent.id)))]


def test_checkpoints_are_written_at_least_every_minute() -> None:
    assert RebateSettings().audit_checkpoint_interval_seconds <= 60
    with pytest.raises(ValidationError):
        RebateSettings(audit_checkpoint_interval_seconds=61)


def test_the_published_key_is_the_settings_key() -> None:
    seed = Ed25519PrivateKey.generate().private_bytes_raw()
    signer = CheckpointSigner.from_settings(base64.urlsafe_b64encode(seed).decode())
    expected = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()
    assert base64.b64decode(signer.public_key_b64) == expected


async def test_a_rotated_key_keeps_its_checkpoints_valid_when_listed_as_retired(
    session: AsyncSession,
) -> None:
    old_key = Ed25519PrivateKey.generate()
    await append(session, 2)
    assert await write_checkpoint(session, CheckpointSigner(old_key)) is not None
    await append(session, 1)

    forgetful = CheckpointSigner(Ed25519PrivateKey.generate())
    assert (await AuditLog(session).verify(forgetful)).problem == "bad-checkpoint-signature"

    rotated = CheckpointSigner(Ed25519PrivateKey.generate(), [old_key.public_key()])
    assert await write_checkpoint(session, rotated) is not None
    report = await AuditLog(session).verify(rotated)
    assert (report.intact, report.checkpoints_checked) == (True, 2)
