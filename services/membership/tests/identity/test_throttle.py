"""Failed sign-ins are counted per account and per client address: the sixth try within
the window is 429 with Retry-After, whoever is named and whatever the password."""

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from membership.identity import passwords
from membership.identity.models import AuthThrottle
from servicekit.auth import Role

CreateAccount = Callable[..., Awaitable[str]]


async def attempt(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )


@pytest.fixture
async def elsewhere(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client at another address."""
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
    client: httpx.AsyncClient,
    elsewhere: httpx.AsyncClient,
    create_account: CreateAccount,
    password: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Defect 3: thirty wrong passwords, then the right one, signed in.
    await create_account("cadre.zhao", [Role.CADRE])
    caplog.set_level(logging.WARNING, logger="membership.identity.throttle")
    wrong = [(await attempt(client, "cadre.zhao", f"guess-{n}")).status_code for n in range(5)]
    assert wrong == [400] * 5
    for caller in (client, elsewhere):  # the account is locked, from any address
        locked = await attempt(caller, "cadre.zhao", password)
        assert locked.status_code == 429
        assert locked.headers["content-type"] == "application/problem+json"
        assert locked.json()["type"] == "urn:gonghui:problem:too-many-attempts"
        assert 0 < int(locked.headers["retry-after"]) <= 300
    assert any("sign-in locked out" in r.getMessage() for r in caplog.records)


async def test_unknown_user_names_cost_a_hash_and_lock_alike(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []
    real_verify = passwords._hasher.verify

    def counting_verify(secret: str, secret_hash: str) -> bool:
        verified.append(secret_hash)
        return real_verify(secret, secret_hash)

    monkeypatch.setattr(passwords._hasher, "verify", counting_verify)
    answers = [(await attempt(client, "no.such.user", "guess")).status_code for _ in range(6)]
    assert answers == [400] * 5 + [429]
    assert verified == [passwords._DUMMY_HASH] * 5


async def test_one_address_trying_many_accounts_is_locked(
    client: httpx.AsyncClient,
    elsewhere: httpx.AsyncClient,
    create_account: CreateAccount,
    password: str,
) -> None:
    await create_account("cadre.qian", [Role.CADRE])
    for n in range(5):
        assert (await attempt(client, f"member{n}", "guess")).status_code == 400
    assert (await attempt(client, "cadre.qian", password)).status_code == 429
    assert (await attempt(elsewhere, "cadre.qian", password)).status_code == 200


async def test_each_further_lockout_lasts_twice_as_long(
    client: httpx.AsyncClient, create_account: CreateAccount, session: AsyncSession
) -> None:
    await create_account("cadre.sun", [Role.CADRE])
    waits = []
    for _ in range(3):
        for n in range(5):
            await attempt(client, "cadre.sun", f"guess-{n}")
        waits.append(int((await attempt(client, "cadre.sun", "guess")).headers["retry-after"]))
        # The lockout runs out (the clock moved on); the count of lockouts stays.
        await session.execute(
            update(AuthThrottle).values(locked_until=datetime.now(UTC) - timedelta(seconds=1))
        )
        await session.commit()
    assert waits[0] <= 300
    assert 2 * waits[0] - 2 <= waits[1] <= 2 * waits[0]
    assert 2 * waits[1] - 2 <= waits[2] <= 2 * waits[1]


async def test_a_successful_sign_in_clears_the_accounts_count(
    client: httpx.AsyncClient,
    elsewhere: httpx.AsyncClient,
    create_account: CreateAccount,
    password: str,
) -> None:
    await create_account("cadre.li", [Role.CADRE])
    for n in range(4):
        await attempt(client, "cadre.li", f"guess-{n}")
    assert (await attempt(elsewhere, "cadre.li", password)).status_code == 200
    for n in range(4):
        assert (await attempt(elsewhere, "cadre.li", f"guess-{n}")).status_code == 400
    assert (await attempt(elsewhere, "cadre.li", password)).status_code == 200


async def test_counters_of_a_quiet_day_are_forgotten(
    client: httpx.AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    await attempt(client, "tried.once", "guess")
    long_ago = datetime.now(UTC) - timedelta(days=2)
    await session.execute(update(AuthThrottle).values(last_failure_at=long_ago))
    await session.commit()
    await attempt(client, "tried.later", "guess")
    keys = set((await session.scalars(select(AuthThrottle.key))).all())

    def login_key(name: str) -> str:
        return "login:" + app.state.pii.blind_index("login", name).hex()

    assert keys == {login_key("tried.later"), "address:127.0.0.1"}


async def test_a_burst_of_guesses_takes_turns_on_the_counters(app: FastAPI, engine: Any) -> None:
    """Two attempts on one account at once: the second waits for the first to be decided
    (and counted) before it is checked, so a burst cannot outrun the limit."""
    from membership.identity.repository import IdentityRepository
    from membership.identity.throttle import Throttle

    keys = ["account:burst-test", "address:198.51.100.7"]
    settings = app.state.settings
    async with AsyncSession(engine) as first, AsyncSession(engine) as second, first.begin():
        await Throttle(IdentityRepository(first), settings).hold(keys)
        async with second.begin():
            waiting = asyncio.create_task(Throttle(IdentityRepository(second), settings).hold(keys))
            await asyncio.sleep(0.3)
            assert not waiting.done()  # held until the first attempt is decided
            await first.rollback()
            await asyncio.wait_for(waiting, 5)
            await second.rollback()
