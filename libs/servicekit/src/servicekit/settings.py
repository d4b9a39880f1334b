"""Settings base shared by every service: environment, database, logging, token verification."""

from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Defaults of secret settings start with this marker so they can be refused in production.
DEV_SECRET_PREFIX = "insecure-dev-"


# OpenTelemetry's sampler names (OTEL_TRACES_SAMPLER), as the SDK defines them.
TraceSampler = Literal[
    "always_on",
    "always_off",
    "traceidratio",
    "parentbased_always_on",
    "parentbased_always_off",
    "parentbased_traceidratio",
]


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class ServiceSettings(BaseSettings):
    """Each service subclasses this with its own `env_prefix` (`MEMBERSHIP_`, `REBATE_` ...)."""

    # By name in code, by alias in the environment (the OTEL_* fields below).
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", frozen=True, populate_by_name=True
    )

    service_name: str = "service"
    environment: Environment = Environment.DEVELOPMENT
    database_url: str = "postgresql+asyncpg://localhost/gonghui"
    # A fixed pool: past it, requests wait for a connection. Overflow connections are opened
    # for a burst and closed again as soon as the pool is full, so an overloaded service would
    # spend the database's CPU on connection start-ups just when it has least to spare
    # (bench/RESULTS.md, competition leaderboard at an offered 100 req/s).
    db_pool_size: int = 20
    db_max_overflow: int = 0
    # True when a transaction-mode pooler (PgBouncer) sits between the process and PostgreSQL:
    # consecutive transactions of one connection may then run on different server connections,
    # so no prepared statement may outlive its transaction (deploy/README.md, Connections).
    db_transaction_pooler: bool = False
    # A database that does not answer is reported (503) within a second, not after
    # asyncpg's default minute; a healthy one connects in milliseconds.
    db_connect_timeout_seconds: float = 0.8
    log_level: str = "INFO"
    jwt_issuer: str = "gonghui-membership"
    jwt_audience: str = "gonghui"
    # Where other services fetch membership's public keys; membership itself signs locally.
    jwks_url: str | None = None
    cors_origins: list[str] = []
    # Graceful stop of a web process on SIGTERM: /readyz answers 503 for this long first, so
    # that the load balancer stops sending requests before the listener closes; requests in
    # flight then complete (deploy/README.md, Workers).
    shutdown_drain_seconds: float = Field(default=0.0, ge=0)
    # Workers (`python -m <service> worker`): their /healthz and /readyz port (none when
    # unset), how often an idle loop looks for work, how long a relay's claim on a batch of
    # outbox messages lasts without renewal, and how long work may finish after SIGTERM.
    worker_health_port: int | None = Field(default=None, ge=1, le=65535)
    worker_poll_seconds: float = Field(default=1.0, gt=0)
    outbox_lease_seconds: float = Field(default=60.0, gt=0)
    worker_shutdown_seconds: float = Field(default=10.0, ge=0)
    # Calls to other services (servicekit.http.CallPolicy): the deadline of a whole call,
    # retries included; attempts for what may be sent again; failures in a row that open
    # the circuit, and how long it stays open (calls answer 503 at once meanwhile).
    upstream_deadline_seconds: float = 10.0
    upstream_attempts: int = 3
    upstream_failures_to_open: int = 5
    upstream_open_seconds: float = 10.0
    # Traces (servicekit.telemetry), under OpenTelemetry's standard variable names, without
    # the service's prefix: the same variables every OpenTelemetry SDK and collector knows.
    # No endpoint (or OTEL_SDK_DISABLED=true): nothing is instrumented at all. The general
    # endpoint gets `/v1/traces` appended, the traces endpoint is used as it is.
    otel_sdk_disabled: bool = Field(default=False, validation_alias="OTEL_SDK_DISABLED")
    otel_exporter_otlp_endpoint: str | None = Field(
        default=None, validation_alias="OTEL_EXPORTER_OTLP_ENDPOINT"
    )
    otel_exporter_otlp_traces_endpoint: str | None = Field(
        default=None, validation_alias="OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
    )
    # The traces' `service.name`; unset, the process's own name (`membership`,
    # `membership-worker`).
    otel_service_name: str | None = Field(default=None, validation_alias="OTEL_SERVICE_NAME")
    otel_traces_sampler: TraceSampler = Field(
        default="parentbased_always_on", validation_alias="OTEL_TRACES_SAMPLER"
    )
    # The ratio of the `*traceidratio` samplers.
    otel_traces_sampler_arg: float = Field(
        default=1.0, ge=0, le=1, validation_alias="OTEL_TRACES_SAMPLER_ARG"
    )

    @model_validator(mode="after")
    def _refuse_default_secrets_in_production(self) -> Self:
        if self.environment is not Environment.PRODUCTION:
            return self
        prefix = self.model_config.get("env_prefix", "")
        weak = [
            f"{prefix}{name}".upper()
            for name, value in self._secret_values().items()
            if value.startswith(DEV_SECRET_PREFIX)
        ]
        if weak:
            raise ValueError(f"set real values for {', '.join(sorted(weak))} in production")
        return self

    def _secret_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name in type(self).model_fields:
            value: Any = getattr(self, name)
            if isinstance(value, SecretStr):
                values[name] = value.get_secret_value()
        return values

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.PRODUCTION
