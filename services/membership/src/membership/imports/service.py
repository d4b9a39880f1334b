"""Bulk import of members from a spreadsheet: streamed, checked row by row, valid rows kept,
refused rows reported with their reason. The same file imported again changes nothing."""

import asyncio
import contextlib
import csv
import hashlib
import io
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from membership.access import Access, Permission
from membership.imports.bulk import CREATED, UNCHANGED, BulkEnrolment, CandidateRow
from membership.imports.parsing import Row, file_rows
from membership.imports.rows import person_from_row
from membership.joining.models import ImportJob, ImportRowError, ImportStatus
from membership.orgs.errors import OrgClosedError, OrgNotFoundError
from membership.orgs.models import OrgStatus
from membership.people.errors import InvalidPersonDataError
from membership.people.service import person_values
from servicekit.errors import NotFoundError
from servicekit.pii import PiiCipher

BATCH_ROWS = 1000

RowError = tuple[int, str | None, str]  # row number, field, reason


@dataclass(frozen=True)
class CheckedBatch:
    rows: int
    candidates: list[CandidateRow]
    errors: list[RowError]


class ImportNotFoundError(NotFoundError):
    code = "import-not-found"
    title_en = "Import not found"
    title_zh = "导入记录不存在"


def _sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _batches(rows: Iterator[tuple[int, Row]]) -> Iterator[list[tuple[int, Row]]]:
    batch: list[tuple[int, Row]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


class ImportService:
    def __init__(self, access: Access, pii: PiiCipher) -> None:
        self.access = access
        self.pii = pii
        self.session = access.orgs.session

    async def run(self, org_id: uuid.UUID, filename: str, stream: BinaryIO) -> ImportJob:
        org = await self.access.org_for(org_id, Permission.MANAGE_MEMBERS)
        if org.status is OrgStatus.CLOSED:
            raise OrgClosedError(f"{org.name} is closed and takes no new members")
        job = ImportJob(
            id=uuid.uuid4(),
            org_id=org.id,
            filename=filename[:255],
            file_sha256=await asyncio.to_thread(_sha256, stream),
            status=ImportStatus.RUNNING,
            created_by=self.access.actor,
        )
        self.session.add(job)
        await self.session.flush()
        enrolment = BulkEnrolment(self.session, org, f"import:{job.id}")
        totals = {"total": 0, CREATED: 0, UNCHANGED: 0, "errors": 0}
        async with contextlib.aclosing(self._checked(file_rows(filename, stream))) as batches:
            async for batch in batches:
                errors = batch.errors
                outcomes = await enrolment.enrol(batch.candidates)
                for row_number, outcome in outcomes.items():
                    if outcome in (CREATED, UNCHANGED):
                        totals[outcome] += 1
                    else:
                        errors.append((row_number, "id_number", outcome))
                await self._record_errors(job.id, errors)
                totals["total"] += batch.rows
                totals["errors"] += len(errors)
        await enrolment.finish()
        job.total_rows = totals["total"]
        job.created_rows = totals[CREATED]
        job.unchanged_rows = totals[UNCHANGED]
        job.error_rows = totals["errors"]
        job.status = ImportStatus.DONE
        job.finished_at = datetime.now(UTC)
        await self.session.flush()
        return job

    async def _checked(self, rows: Iterator[tuple[int, Row]]) -> AsyncGenerator[CheckedBatch, None]:
        """The batches of the file, each read, checked and encrypted in a worker thread while
        the caller writes the one before: the database is not left waiting for the checks,
        nor is the event loop (other requests) blocked by them. Two batches at most are in
        memory. The thread reads the file alone, one batch after the other."""
        batches = _batches(rows)
        upcoming = asyncio.ensure_future(asyncio.to_thread(self._check_next, batches))
        try:
            while (batch := await upcoming) is not None:
                upcoming = asyncio.ensure_future(asyncio.to_thread(self._check_next, batches))
                yield batch
        finally:
            # The upload is closed after the request: no thread may still be reading it.
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

    async def _record_errors(self, job_id: uuid.UUID, errors: list[RowError]) -> None:
        if errors:
            await self.session.execute(
                insert(ImportRowError),
                [
                    {"id": uuid.uuid4(), "job_id": job_id, "row_number": n, "field": f, "reason": r}
                    for n, f, r in sorted(errors)
                ],
            )

    async def get(self, import_id: uuid.UUID) -> ImportJob:
        job = await self.session.get(ImportJob, import_id)
        if job is None:
            raise ImportNotFoundError()
        try:
            await self.access.org_for(job.org_id, Permission.MANAGE_MEMBERS)
        except OrgNotFoundError:
            raise ImportNotFoundError() from None
        return job

    async def error_report(self, import_id: uuid.UUID) -> AsyncIterator[str]:
        """The refused rows as CSV, streamed from the database."""
        job = await self.get(import_id)
        query = (
            select(ImportRowError.row_number, ImportRowError.field, ImportRowError.reason)
            .where(ImportRowError.job_id == job.id)
            .order_by(ImportRowError.row_number)
        )
        # The body is read after the request's session has committed and closed (before the
        # response starts), so the rows come through a session of the stream's own, opened
        # and closed by the stream: the import's rows were committed when it ran.
        bind = self.session.bind

        async def lines() -> AsyncIterator[str]:
            yield "\ufeff" + _csv_line(["row", "field", "reason"])
            async with AsyncSession(bind) as reader:
                result = await reader.stream(query.execution_options(yield_per=1000))
                async for row_number, field, reason in result:
                    yield _csv_line([str(row_number), field or "", reason])

        return lines()


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()
