"""Bulk import of members from a spreadsheet. The upload is read and its structure checked
here (a file that cannot be read is refused at once); the rows are checked and enrolled by a
worker (membership.imports.processing), valid rows kept, refused rows reported with their
reason. The same file imported again changes nothing."""

import asyncio
import csv
import hashlib
import io
import uuid
from collections.abc import AsyncIterator
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from membership.access import Access, Permission
from membership.imports.parsing import file_rows
from membership.joining.models import ImportJob, ImportRowError, ImportStatus
from membership.orgs.errors import OrgClosedError, OrgNotFoundError
from membership.orgs.models import OrgStatus
from servicekit.errors import NotFoundError


class ImportNotFoundError(NotFoundError):
    code = "import-not-found"
    title_en = "Import not found"
    title_zh = "导入记录不存在"


def _read(filename: str, stream: BinaryIO) -> tuple[bytes, int]:
    """The file's bytes and its number of rows, every row read once (UnreadableFileError)."""
    content = stream.read()
    return content, sum(1 for _ in file_rows(filename, io.BytesIO(content)))


class ImportService:
    def __init__(self, access: Access, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.access = access
        self.session = access.orgs.session
        # The error report streams after the request's own session has closed.
        self.sessions = sessions

    async def queue(self, org_id: uuid.UUID, filename: str, stream: BinaryIO) -> ImportJob:
        org = await self.access.org_for(org_id, Permission.MANAGE_MEMBERS)
        if org.status is OrgStatus.CLOSED:
            raise OrgClosedError(f"{org.name} is closed and takes no new members")
        content, total = await asyncio.to_thread(_read, filename, stream)
        job = ImportJob(
            id=uuid.uuid4(),
            org_id=org.id,
            filename=filename[:255],
            file_sha256=hashlib.sha256(content).hexdigest(),
            status=ImportStatus.QUEUED,
            total_rows=total,
            processed_rows=0,
            created_rows=0,
            unchanged_rows=0,
            error_rows=0,
            content=content,
            created_by=self.access.actor,
        )
        self.session.add(job)
        await self.session.flush()
        return job

    async def get(self, import_id: uuid.UUID) -> ImportJob:
        job = await self.session.get(ImportJob, import_id, populate_existing=True)
        if job is None:
            raise ImportNotFoundError()
        try:
            await self.access.org_for(job.org_id, Permission.MANAGE_MEMBERS)
        except OrgNotFoundError:
            raise ImportNotFoundError() from None
        return job

    async def error_report(self, import_id: uuid.UUID) -> AsyncIterator[str]:
        """The refused rows as CSV, streamed from the database: on a session of its own, in a
        transaction of its own (a server-side cursor lives only in one), since the body is
        sent after the request's session is closed."""
        job = await self.get(import_id)
        query = (
            select(ImportRowError.row_number, ImportRowError.field, ImportRowError.reason)
            .where(ImportRowError.job_id == job.id)
            .order_by(ImportRowError.row_number)
        )

        async def lines() -> AsyncIterator[str]:
            yield "\ufeff" + _csv_line(["row", "field", "reason"])
            async with self.sessions() as session, session.begin():
                result = await session.stream(query.execution_options(yield_per=1000))
                async for row_number, field, reason in result:
                    yield _csv_line([str(row_number), field or "", reason])

        return lines()


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()
