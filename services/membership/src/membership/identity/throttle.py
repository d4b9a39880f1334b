"""Counting failures (wrong passwords, wrong codes) and code requests per key: an account or
person, and a client address. Too many within the window lock the key; each further
lockout lasts twice as long. Counters live in PostgreSQL, so every replica sees them."""

import logging
import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from membership.identity.errors import TooManyAttemptsError
from membership.identity.repository import IdentityRepository
from membership.settings import MembershipSettings

logger = logging.getLogger(__name__)

PRUNE_BATCH = 20


def address_key(address: str) -> str:
    return f"address:{address}"


class Throttle:
    def __init__(self, repo: IdentityRepository, settings: MembershipSettings) -> None:
        self.repo = repo
        self.max_failures = settings.throttle_max_failures
        self.window = timedelta(seconds=settings.throttle_window_seconds)
        self.lockout = timedelta(seconds=settings.throttle_lockout_seconds)
        self.max_lockout = timedelta(seconds=settings.throttle_max_lockout_seconds)

    async def hold(self, keys: Sequence[str]) -> None:
        """Lock the keys' counters until the attempt is decided: concurrent attempts on one
        account or from one address then take turns, each seeing the failures before it (else
        a burst would all pass `check` before any failure was counted)."""
        now = datetime.now(UTC)
        for key in sorted(keys):  # one order for everyone: no deadlock between two attempts
            await self.repo.throttle_for_update(key, now)

    async def check(self, keys: Sequence[str]) -> None:
        """429 while any of the keys is locked, naming the longest wait."""
        now = datetime.now(UTC)
        until = [
            row.locked_until
            for row in await self.repo.throttles(keys)
            if row.locked_until is not None and row.locked_until > now
        ]
        if until:
            seconds = max(1, math.ceil((max(until) - now).total_seconds()))
            raise TooManyAttemptsError(seconds)

    async def count(self, keys: Sequence[str], what: str, limit: int | None = None) -> None:
        """One more failure (or request) under each key; the limit reached locks it."""
        limit = limit or self.max_failures
        now = datetime.now(UTC)
        for key in keys:
            row = await self.repo.throttle_for_update(key, now)
            if row.window_started_at <= now - self.window:
                row.failures, row.window_started_at = 0, now
            if row.last_failure_at <= now - self.max_lockout:
                row.lockouts = 0  # a quiet day forgives earlier lockouts
            row.failures += 1
            row.last_failure_at = now
            if row.failures >= limit:
                row.lockouts += 1
                duration = min(self.lockout * 2 ** (row.lockouts - 1), self.max_lockout)
                row.locked_until = now + duration
                row.failures, row.window_started_at = 0, now
                # Keys are account ids, blind indexes or addresses: no personal data in clear.
                logger.warning(
                    "%s locked out: %s for %d s (lockout %d)",
                    what,
                    key,
                    duration.total_seconds(),
                    row.lockouts,
                )
        await self.repo.session.flush()
        # Counters of names tried once and never again would pile up: each failure clears a
        # few that a quiet day has made meaningless (lockouts are forgiven after one too).
        await self.repo.prune_throttles(now - self.max_lockout, now, PRUNE_BATCH)

    async def clear(self, key: str) -> None:
        await self.repo.delete_throttle(key)
