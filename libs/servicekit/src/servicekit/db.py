"""Engine, session factory, the one-transaction-per-request session dependency, and the
column helpers every service's models use."""

import enum
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import DateTime, Enum, MetaData, Uuid, event, func
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, UOWTransaction, mapped_column

from servicekit.errors import DomainError
from servicekit.settings import ServiceSettings

# One naming convention for every service, so Alembic autogenerates stable constraint names.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata(schema: str) -> MetaData:
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def str_enum(enum_class: type[enum.StrEnum], length: int = 32) -> Enum:
    """A string enum stored as VARCHAR with a CHECK constraint: a new value is a plain
    migration, unlike PostgreSQL's own enum types."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


def create_engine(settings: ServiceSettings) -> AsyncEngine:
    # No start-up parameters (PgBouncer refuses those it does not track, such as search_path):
    # the service's schema first on the search path (its extensions, ltree ..., live there)
    # and `jit = off` are set on its database role by provisioning (localrun.provision).
    # A database that does not answer is reported (503) within the timeout, not after a minute.
    connect_args: dict[str, Any] = {"timeout": settings.db_connect_timeout_seconds}
    if settings.db_transaction_pooler:
        connect_args |= {
            # Neither asyncpg's statement cache nor SQLAlchemy's may keep a statement for a
            # later transaction, which may run on another server connection ...
            "statement_cache_size": 0,
            "prepared_statement_cache_size": 0,
            # ... and the statements SQLAlchemy prepares inside a transaction get names no
            # other client's can collide with on a shared server connection (asyncpg numbers
            # them from 1 in every process, so replicas of a service repeat each other's).
            "prepared_statement_name_func": _unique_statement_name,
        }
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No pre-ping: it cost a round trip and ~0.5 ms of CPU on every request (bench/
        # RESULTS.md). A connection found dead mid-request is invalidated by SQLAlchemy (the
        # request fails once); recycling bounds how stale an idle one can get.
        pool_recycle=1800,
        connect_args=connect_args,
    )


def _unique_statement_name() -> str:
    return f"__asyncpg_{uuid.uuid4().hex}__"


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def create_read_sessionmaker(
    engine: AsyncEngine, *, transaction_pooler: bool = False
) -> async_sessionmaker[AsyncSession]:
    """Sessions for requests that only read (GET, HEAD): each statement runs on its own, with
    no BEGIN and COMMIT round trips around it (a third of the cost of a one-row read, bench/
    RESULTS.md "Cost per request"). Under READ COMMITTED every statement sees a snapshot of
    its own inside a transaction as well, so a read loses no consistency; a write through
    such a session is refused (`ReadOnlySessionError`).

    Behind a transaction-mode pooler the reads keep their transaction: outside one, PgBouncer
    may hand the prepare and the execute of one statement to different server connections
    ("prepared statement ... does not exist")."""
    bind = engine if transaction_pooler else engine.execution_options(isolation_level="AUTOCOMMIT")
    return async_sessionmaker(bind, expire_on_commit=False, autoflush=False, info={READ_ONLY: True})


READ_ONLY = "servicekit.read_only"
# Requests that change nothing by their meaning (RFC 9110 §9.2.1). OPTIONS is answered
# before any route (MethodGuard, CORS).
SAFE_METHODS = frozenset({"GET", "HEAD"})


class ReadOnlySessionError(RuntimeError):
    """Code serving a GET tried to write: every write belongs to one transaction of an
    unsafe request, so this is a bug to fix, never a state to store."""


@event.listens_for(Session, "do_orm_execute")
def _refuse_statement_writes(state: ORMExecuteState) -> None:
    if state.session.info.get(READ_ONLY) and (
        state.is_insert or state.is_update or state.is_delete
    ):
        raise ReadOnlySessionError(f"{state.statement} in a read-only request")


@event.listens_for(Session, "before_flush")
def _refuse_flushed_writes(session: Session, flush: UOWTransaction, instances: Any) -> None:
    if session.info.get(READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise ReadOnlySessionError("a flush of changed objects in a read-only request")


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    if request.method in SAFE_METHODS:
        # Closed at the end, nothing to commit: the connection goes back to the pool
        # without a round trip (the driver rolls back only a transaction it started).
        reads: async_sessionmaker[AsyncSession] = request.app.state.read_sessionmaker
        async with reads() as session:
            yield session
        return
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except DomainError as exc:
            await (session.commit() if exc.keeps_writes else session.rollback())
            raise
        except BaseException:
            await session.rollback()
            raise


# scope="function": the commit happens before the response is sent, so a failed commit
# reaches the client as an error instead of a success that was never stored.
SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]
