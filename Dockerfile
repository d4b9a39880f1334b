# syntax=docker/dockerfile:1
# One image per service, each a target of this file:
#   docker build --target membership -t gonghui/membership .   (also rebate, competition, gateway)
# The build stage resolves the locked environment with uv; the final stage holds only a slim
# Python, that environment (bytecode compiled) and, for services with a database, their
# migrations. No compiler, no uv, no source tree, no secret: settings arrive at run time.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ghcr.io/astral-sh/uv:0.13.9 AS uv

FROM ${PYTHON_IMAGE} AS build
COPY --from=uv /uv /usr/local/bin/uv
# Bytecode compiled once here: a read-only root file system could not cache it at run time.
# The environment lives where the final stage expects it, on the base image's Python.
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /src
# Every workspace member's pyproject.toml is needed to read the lock; only servicekit, the
# services and the gateway are installed.
COPY pyproject.toml uv.lock ./
COPY deploy/local/pyproject.toml deploy/local/
COPY libs/servicekit libs/servicekit
COPY services services
COPY gateway gateway

FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
# A fixed numeric user, so that Kubernetes' runAsNonRoot can verify it without a name lookup.
RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --uid 10001 --gid app --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin app
WORKDIR /app
USER 10001:10001
EXPOSE 8000

# One environment per service: its locked dependencies and itself and servicekit as installed
# packages (not links into /src, which stays behind). The cache mount keeps downloads across
# builds, so a change of source does not fetch the dependencies again.
FROM build AS build-membership
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev --no-editable --package membership
FROM build AS build-rebate
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev --no-editable --package rebate
FROM build AS build-competition
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev --no-editable --package competition
FROM build AS build-gateway
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev --no-editable --package gateway

# Each service: its environment, its migrations (`alembic upgrade head` from /app, as the
# migration Job runs it), and the web process as the default command.
FROM runtime AS membership
COPY --from=build-membership /app/.venv /app/.venv
COPY services/membership/alembic.ini ./
COPY services/membership/migrations ./migrations
# Only the gateway reaches a service (NetworkPolicies): its X-Forwarded-For is the client's
# address, which sign-in throttling counts; a service's own address would be everybody's.
CMD ["uvicorn", "membership.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-access-log", "--forwarded-allow-ips", "*"]

FROM runtime AS rebate
COPY --from=build-rebate /app/.venv /app/.venv
COPY services/rebate/alembic.ini ./
COPY services/rebate/migrations ./migrations
CMD ["uvicorn", "rebate.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-access-log", "--forwarded-allow-ips", "*"]

FROM runtime AS competition
COPY --from=build-competition /app/.venv /app/.venv
COPY services/competition/alembic.ini ./
COPY services/competition/migrations ./migrations
CMD ["uvicorn", "competition.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-access-log", "--forwarded-allow-ips", "*"]

FROM runtime AS gateway
COPY --from=build-gateway /app/.venv /app/.venv
CMD ["uvicorn", "gateway.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
