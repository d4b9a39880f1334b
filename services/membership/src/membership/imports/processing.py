"""Member imports in the worker (`python -m membership worker`): a job queued by the upload is
claimed with a lease (servicekit.worker) and worked through in chunks of `BATCH_ROWS` rows.
Each chunk commits its members, its refused rows, its share of the tallies and the job's
counts and cursor (`processed_rows`) in one transaction, so a worker killed mid-way loses
at most the chunk it was writing, and the next worker goes on from the cursor: the chunks,
and so every row's outcome, are the same as in an uninterrupted import."""

import asyncio
import contextlib
import io
import itertools
import logging
import uuid
from collections.abc import AsyncGenerator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import undefer

from membership.imports.bulk import CREATED, UNCHANGED, BulkEnrolment, CandidateRow
from membership.imports.parsing import Row, file_rows
from membership.imports.rows import person_from_row
from membership.joining.models import ImportJob, ImportRowError, ImportStatus
from membership.orgs.models import Org
from membership.people.errors import InvalidPersonDataError
from membership.people.service import person_values
from servicekit.pii import PiiCipher
from servicekit.worker import LeasedQueue

logger = logging.getLogger(__name__)

BATCH_ROWS = 1000

IMPORTS = LeasedQueue(
    table="membership.import_job",
    waiting="status = 'queued'",
    working="status = 'running'",
    claimed="status = 'running'",
    order_by="created_at",
)

RowError = tuple[int, str | None, str]  # row number, field, reason


@dataclass(frozen=True)
class CheckedBatch:
    rows: int
    candidates: list[CandidateRow]
    errors: list[RowError]


class LeaseLostError(Exception):
    """Another worker holds the job now: this one must not write another chunk."""


def _batches(rows: Iterator[tuple[int, Row]]) -> Iterator[list[tuple[int, Row]]]:
    while batch := list(itertools.islice(rows, BATCH_ROWS)):
        yield batch


class ImportProcessor:
    """Works through claimed imports as `owner` (the holder of their lease)."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], pii: PiiCipher, owner: str
    ) -> None:
        self.sessions = sessions
        self.pii = pii
        self.owner = owner

    async def execute(self, job_id: uuid.UUID) -> None:
        async with self.sessions() as session:
            job = await session.get(ImportJob, job_id, options=[undefer(ImportJob.content)])
            assert job is not None
            assert job.content is not None
            filename, content, done = job.filename, job.content, job.processed_rows
            org_id, actor = job.org_id, f"import:{job.id}"
        # The file was read whole at upload (a file that cannot be read was refused then).
        rows = itertools.islice(file_rows(filename, io.BytesIO(content)), done, None)
        async with contextlib.aclosing(self._checked(rows)) as batches:
            async for batch in batches:
                async with self.sessions() as session, session.begin():
                    await self._chunk(session, job_id, org_id, actor, done, batch)
                done += batch.rows
        async with self.sessions() as session, session.begin():
            await self._held(session, job_id, done)
            await session.execute(
                update(ImportJob)
                .where(ImportJob.id == job_id)
                .values(status=ImportStatus.DONE, finished_at=datetime.now(UTC), content=None)
            )
        logger.info("import %s done: %d rows", job_id, done)

    async def _held(self, session: AsyncSession, job_id: uuid.UUID, done: int) -> None:
        """Lock the job; refuse to write unless this worker still holds it at cursor `done`
        (a worker whose lease ran out while it wrote finds another's name, or the cursor
        moved on)."""
        held = await session.scalar(
            select(ImportJob.processed_rows)
            .where(ImportJob.id == job_id, ImportJob.lease_owner == self.owner)
            .with_for_update()
        )
        if held != done:
            raise LeaseLostError(f"import {job_id} is no longer held by {self.owner}")

    async def _chunk(
        self,
        session: AsyncSession,
        job_id: uuid.UUID,
        org_id: uuid.UUID,
        actor: str,
        done: int,
        batch: CheckedBatch,
    ) -> None:
        await self._held(session, job_id, done)
        org = await session.get(Org, org_id)
        assert org is not None
        enrolment = BulkEnrolment(session, org, actor)
        errors = list(batch.errors)
        counts = {CREATED: 0, UNCHANGED: 0}
        for row_number, outcome in (await enrolment.enrol(batch.candidates)).items():
            if outcome in counts:
                counts[outcome] += 1
            else:
                errors.append((row_number, "id_number", outcome))
        if errors:
            await session.execute(
                insert(ImportRowError),
                [
                    {"id": uuid.uuid4(), "job_id": job_id, "row_number": n, "field": f, "reason": r}
                    for n, f, r in sorted(errors)
                ],
            )
        await enrolment.finish()
        await session.execute(
            update(ImportJob)
            .where(ImportJob.id == job_id)
            .values(
                processed_rows=ImportJob.processed_rows + batch.rows,
                created_rows=ImportJob.created_rows + counts[CREATED],
                unchanged_rows=ImportJob.unchanged_rows + counts[UNCHANGED],
                error_rows=ImportJob.error_rows + len(errors),
            )
        )

    async def _checked(self, rows: Iterator[tuple[int, Row]]) -> AsyncGenerator[CheckedBatch, None]:
        """The batches of the file, each checked and encrypted in a worker thread while the
        caller writes the one before: the database is not left waiting for the checks, nor
        is the event loop (the heartbeat) blocked by them. Two batches at most are in memory.
        The thread reads the file alone, one batch after the other."""
        batches = _batches(rows)
        upcoming = asyncio.ensure_future(asyncio.to_thread(self._check_next, batches))
        try:
            while (batch := await upcoming) is not None:
                upcoming = asyncio.ensure_future(asyncio.to_thread(self._check_next, batches))
                yield batch
        finally:
            with contextlib.suppress(Exception):
                await upcoming

    def _check_next(self, batches: Iterator[list[tuple[int, Row]]]) -> CheckedBatch | None:
        batch = next(batches, None)
        return None if batch is None else self._check(batch)

    def _check(self, batch: list[tuple[int, Row]]) -> CheckedBatch:
        candidates: list[CandidateRow] = []
        errors: list[RowError] = []
        for row_number, row in batch:
            try:
                person = person_values(person_from_row(row), self.pii)
            except InvalidPersonDataError as exc:
                errors.append((row_number, exc.field, exc.detail or "invalid"))
                continue
            candidates.append(CandidateRow(row_number, person))
        return CheckedBatch(len(batch), candidates, errors)
