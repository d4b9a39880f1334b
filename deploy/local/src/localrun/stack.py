"""The suite as local processes: which services there are, how they are wired together, and how
their database is prepared and their processes started and stopped.

`python -m localrun run` uses it for development; the cross-service tests start the same
processes on free ports against a throwaway cluster.
"""

import asyncio
import importlib.util
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx
from sqlalchemy import make_url

from localrun.devsecrets import load_secrets
from localrun.processes import Child, run_to_end, stop_all
from localrun.provision import ServiceRole, provision

DATABASE = "gonghui"
ADMIN_SERVICE = "membership"
# Named permissions of the services' machine clients at membership (contract C3).
CLIENT_PERMISSIONS: Mapping[str, tuple[str, ...]] = {"competition": ("grant_honours",)}
# Services told of organisation moves and closures, at which path (contract C2); each
# verifies them with its `<PREFIX>_MEMBERSHIP_WEBHOOK_SECRET`.
ORG_EVENT_SUBSCRIBERS: Mapping[str, str] = {"competition": "/v1/webhooks/membership"}


class StackError(RuntimeError):
    pass


@dataclass(frozen=True)
class Wiring:
    """Where everything is, for the environment builders."""

    host: str
    ports: Mapping[str, int]
    database_urls: Mapping[str, str]
    # Ports of a service's further replicas (`REPLICAS=2`); the gateway balances across all.
    replica_ports: Mapping[str, Sequence[int]] = field(default_factory=dict)

    def url(self, service: str) -> str:
        return f"http://{self.host}:{self.ports[service]}"

    def replica_urls(self, service: str) -> list[str]:
        ports = [self.ports[service], *self.replica_ports.get(service, ())]
        return [f"http://{self.host}:{port}" for port in ports]

    @property
    def jwks_url(self) -> str:
        return f"{self.url('membership')}/.well-known/jwks.json"


@dataclass(frozen=True)
class Service:
    name: str
    app: str  # uvicorn factory, "module:function"
    default_port: int
    env: Callable[[Wiring], dict[str, str]]
    database: bool = True
    extensions: tuple[str, ...] = ()
    # Whether it has a background worker, `python -m <name> worker` (deploy/README.md, Workers).
    worker: bool = False

    @property
    def prefix(self) -> str:
        return f"{self.name.upper()}_"

    @property
    def worker_name(self) -> str:
        return f"{self.name}-worker"


def _membership_env(wiring: Wiring) -> dict[str, str]:
    # Its keys and PII secrets come from the secrets file under the MEMBERSHIP_ prefix.
    return {
        "MEMBERSHIP_DATABASE_URL": wiring.database_urls["membership"],
        "MEMBERSHIP_PUBLIC_BASE_URL": f"{wiring.url('gateway')}/membership",
    }


def _token_consumer_env(name: str) -> Callable[[Wiring], dict[str, str]]:
    prefix = name.upper()

    def env(wiring: Wiring) -> dict[str, str]:
        return {
            f"{prefix}_DATABASE_URL": wiring.database_urls[name],
            f"{prefix}_JWKS_URL": wiring.jwks_url,
            f"{prefix}_MEMBERSHIP_URL": wiring.url("membership"),
            # Its secret comes from the secrets file (`<PREFIX>_MEMBERSHIP_CLIENT_SECRET`).
            f"{prefix}_MEMBERSHIP_CLIENT_ID": name,
        }

    return env


def _rebate_env(wiring: Wiring) -> dict[str, str]:
    # Partners' webhooks may point at loopback here only: the demo's fake bank and tax
    # system listen there. Outside a local run the allow-list is empty.
    allowed = {"REBATE_OUTBOUND_ALLOWED_NETWORKS": '["127.0.0.0/8", "::1/128"]'}
    return _token_consumer_env("rebate")(wiring) | allowed


def _gateway_env(wiring: Wiring) -> dict[str, str]:
    return {
        "GATEWAY_MEMBERSHIP_URL": ",".join(wiring.replica_urls("membership")),
        "GATEWAY_REBATE_URL": ",".join(wiring.replica_urls("rebate")),
        "GATEWAY_COMPETITION_URL": ",".join(wiring.replica_urls("competition")),
        "GATEWAY_JWKS_URL": wiring.jwks_url,
    }


SERVICES: tuple[Service, ...] = (
    Service(
        "membership",
        "membership.main:create_app",
        8001,
        _membership_env,
        extensions=("ltree",),
        worker=True,
    ),
    Service("rebate", "rebate.main:create_app", 8002, _rebate_env, worker=True),
    Service(
        "competition",
        "competition.main:create_app",
        8003,
        _token_consumer_env("competition"),
        worker=True,
    ),
    Service("gateway", "gateway.main:create_app", 8000, _gateway_env, database=False),
)


def ports_from_env(
    services: Sequence[Service] = SERVICES, environ: Mapping[str, str] = os.environ
) -> dict[str, int]:
    """`MEMBERSHIP_PORT` and the like, else each service's default port."""
    return {s.name: int(environ.get(f"{s.prefix}PORT", s.default_port)) for s in services}


def free_ports(services: Sequence[Service] = SERVICES, host: str = "127.0.0.1") -> dict[str, int]:
    """Ports free right now, for tests that must not collide with a running suite."""
    sockets = [socket.socket() for _ in services]
    try:
        for sock in sockets:
            sock.bind((host, 0))
        return {s.name: sock.getsockname()[1] for s, sock in zip(services, sockets, strict=True)}
    finally:
        for sock in sockets:
            sock.close()


def replica_ports(
    ports: Mapping[str, int], replicas: int, services: Sequence[Service] = SERVICES
) -> dict[str, list[int]]:
    """Ports of the further replicas of each service behind the gateway: 100 above the first,
    200 above for a third (`make run REPLICAS=2`: membership on 8001 and 8101)."""
    return {
        s.name: [ports[s.name] + 100 * k for k in range(1, replicas)]
        for s in services
        if s.name != "gateway"
    }


class Stack:
    """The services of `services` as processes on `host`, on one database of `admin_dsn`'s server.

    `secrets` defaults to the development secrets of `root/.data`. Values in `extra_env`
    (by service name) are applied last. `pooler_dsn` is a transaction-mode pooler
    (PgBouncer) in front of that server: the running services connect through it, and
    provisioning, migrations and seeds straight to the server. `replicas` names the ports of
    further processes of a service (`replica_ports`), started like the first and all given to
    the gateway; calls between services go to the first.
    """

    def __init__(
        self,
        root: Path,
        admin_dsn: str,
        ports: Mapping[str, int] | None = None,
        host: str = "127.0.0.1",
        environment: str = "development",
        extra_env: Mapping[str, Mapping[str, str]] | None = None,
        *,
        secrets: Mapping[str, str] | None = None,
        services: Sequence[Service] = SERVICES,
        database: str = DATABASE,
        ready_timeout: float = 60,
        pooler_dsn: str | None = None,
        replicas: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        self.root = root
        self.admin_dsn = admin_dsn
        self.host = host
        self.environment = environment
        self.services = tuple(services)
        self.database = database
        self.ready_timeout = ready_timeout
        self.ports = dict(ports or ports_from_env(self.services))
        self.secrets = dict(load_secrets(root / ".data") if secrets is None else secrets)
        self.admin_username = os.environ.get("BOOTSTRAP_ADMIN_USERNAME", "admin")
        self._extra_env = extra_env or {}
        self._children: list[Child] = []
        # Where each process answers /readyz, by the name its output is prefixed with.
        self._child_urls: dict[str, str] = {}
        self.replica_ports = dict(replicas or {})
        self._wiring = Wiring(host, self.ports, self._database_urls(admin_dsn), self.replica_ports)
        self.pooler_dsn = pooler_dsn
        self._serving_wiring = (
            self._wiring
            if pooler_dsn is None
            else Wiring(host, self.ports, self._database_urls(pooler_dsn), self.replica_ports)
        )

    @property
    def admin_password(self) -> str:
        return self.secrets["BOOTSTRAP_ADMIN_PASSWORD"]

    @property
    def urls(self) -> dict[str, str]:
        return {s.name: self._wiring.url(s.name) for s in self.services}

    def replica_urls(self, name: str) -> list[str]:
        """Every process of a service, the first (the one other services call) first."""
        return self._wiring.replica_urls(name)

    def env(self, service: Service, *, serving: bool = False) -> dict[str, str]:
        """The full environment of a service's processes: ours, its secrets, its wiring.
        `serving`: of the running service, rather than of a preparation step."""
        env = dict(os.environ)
        env.setdefault(f"{service.prefix}ENVIRONMENT", self.environment)
        # Only its own secrets: a service never learns another's database password.
        env |= {k: v for k, v in self.secrets.items() if k.startswith(service.prefix)}
        env |= service.env(self._serving_wiring if serving else self._wiring)
        env |= self._org_event_env(service)
        if serving and service.database and self.pooler_dsn is not None:
            env[f"{service.prefix}DB_TRANSACTION_POOLER"] = "true"
        env["PYTHONUNBUFFERED"] = "1"
        env |= self._extra_env.get(service.name, {})
        return env

    @property
    def roles(self) -> list[ServiceRole]:
        """The database role of each service that has a database."""
        return [
            ServiceRole(s.name, self._db_password(s), s.extensions)
            for s in self.services
            if s.database
        ]

    def prepare(self) -> None:
        """Provision the database, migrate every schema as its own role, ensure the admin."""
        roles = self.roles
        # In a thread of its own, so that callers inside an event loop (async tests) can use it.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, provision(self.admin_dsn, self.database, roles)).result()
        for service in self.services:
            if service.database:
                ini = self.root / "services" / service.name / "alembic.ini"
                argv = ["-m", "alembic", "-c", str(ini), "upgrade", "head"]
                # From the ini's directory, where a relative script_location points.
                self._step(service, "migrate", argv, cwd=ini.parent)
        admin = self._service(ADMIN_SERVICE)
        if admin is not None:
            argv = ["-m", "membership.cli", "ensure-admin", "--username", self.admin_username]
            # The password goes by environment: arguments are visible to every local user.
            self._step(admin, "admin", argv, {"BOOTSTRAP_ADMIN_PASSWORD": self.admin_password})
            for client in self.services:
                secret = self.secrets.get(f"{client.prefix}MEMBERSHIP_CLIENT_SECRET")
                if secret is None:
                    continue
                argv = ["-m", "membership.cli", "ensure-service-client"]
                argv += ["--client-id", client.name, "--name", f"{client.name} service"]
                for permission in CLIENT_PERMISSIONS.get(client.name, ()):
                    argv += ["--permission", permission]
                self._step(admin, f"client {client.name}", argv, {"SERVICE_CLIENT_SECRET": secret})

    def _org_event_env(self, service: Service) -> dict[str, str]:
        """Membership's subscribers: each with the secret that service verifies with."""
        if service.name != "membership":
            return {}
        subscribers = [
            {"url": self._wiring.url(name) + path, "secret": secret}
            for name, path in ORG_EVENT_SUBSCRIBERS.items()
            if self._service(name) is not None
            and (secret := self.secrets.get(f"{name.upper()}_MEMBERSHIP_WEBHOOK_SECRET"))
        ]
        return {"MEMBERSHIP_ORG_EVENT_SUBSCRIBERS": json.dumps(subscribers)} if subscribers else {}

    def seed(self) -> dict[str, str]:
        """Run `<service>.seed` of each service that has one; seeds are idempotent themselves.
        Returns what each printed (its demo logins, partners ...) by service name."""
        return {
            service.name: self._step(service, "seed", ["-m", f"{service.name}.seed"])
            for service in self.services
            if _module_exists(f"{service.name}.seed")
        }

    def start(self) -> None:
        """Start every process and return once each web process answers `/readyz` with 200
        (and no worker has exited meanwhile)."""
        try:
            for service in self.services:
                env = self.env(service, serving=True)
                urls = self._wiring.replica_urls(service.name)
                for number, url in enumerate(urls, start=1):
                    port = url.rpartition(":")[2]
                    argv = [
                        *(sys.executable, "-m", "uvicorn", service.app, "--factory"),
                        *("--host", self.host, "--port", port),
                        "--no-access-log",
                    ]
                    name = service.name if number == 1 else f"{service.name}-{number}"
                    self._children.append(Child(name, argv, env, self.root, self._width))
                    self._child_urls[name] = url
            for service in self.services:
                if service.worker:
                    self.start_worker(service.name)
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def start_worker(self, name: str) -> None:
        """Start the worker of service `name` (one per service; `start` starts them all)."""
        service = self._service(name)
        if service is None or not service.worker:
            raise StackError(f"{name} has no worker")
        argv = [sys.executable, "-m", service.name, "worker"]
        env = self.env(service, serving=True)
        self._children.append(Child(service.worker_name, argv, env, self.root, self._width))

    def stop_worker(self, name: str) -> None:
        """Stop the worker of service `name` (SIGTERM, then SIGKILL after a grace period): a
        test that runs workers of its own keeps the stack's from taking their work."""
        service = self._service(name)
        assert service is not None, name
        workers = [c for c in self._children if c.name == service.worker_name]
        stop_all(workers)
        self._children = [c for c in self._children if c not in workers]

    @property
    def _width(self) -> int:
        widest = max(len(s.worker_name if s.worker else s.name) for s in self.services)
        return widest + (2 if self.replica_ports else 0)  # "-2" after a replica's name

    def wait(self) -> str:
        """Block until a process exits, and name it."""
        while True:
            for child in self._children:
                if child.poll() is not None:
                    return child.name
            time.sleep(0.2)

    def pid(self, name: str) -> int:
        """The process id of one process (`rebate`, `rebate-worker`): benchmarks meter it."""
        return next(child.pid for child in self._children if child.name == name)

    def kill(self, name: str) -> None:
        """SIGKILL one process (`membership-2`, the second replica) and wait for its end."""
        child = next(child for child in self._children if child.name == name)
        child.kill()
        child.wait()

    def stop(self) -> None:
        stop_all(self._children)
        self._children.clear()

    def __enter__(self) -> Self:
        self.prepare()
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _database_urls(self, server_dsn: str) -> dict[str, str]:
        admin = make_url(server_dsn)
        return {
            s.name: admin.set(
                drivername="postgresql+asyncpg",
                username=s.name,
                password=self._db_password(s),
                database=self.database,
            ).render_as_string(hide_password=False)
            for s in self.services
            if s.database
        }

    def _db_password(self, service: Service) -> str:
        return self.secrets[f"{service.prefix}DB_PASSWORD"]

    def _service(self, name: str) -> Service | None:
        return next((s for s in self.services if s.name == name), None)

    def _step(
        self,
        service: Service,
        what: str,
        python_args: list[str],
        extra_env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> str:
        """Its output, once it has succeeded."""
        env = self.env(service) | dict(extra_env or {})
        argv = [sys.executable, *python_args]
        result = run_to_end(f"{service.name} {what}", argv, env, cwd or self.root)
        if result.returncode != 0:
            raise StackError(
                f"{service.name} {what} failed with exit status {result.returncode}\n"
                f"{result.stdout}"
            )
        return result.stdout

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        web = set(self._child_urls)  # every replica of every service
        waiting = [c for c in self._children if c.name in web]
        workers = [c for c in self._children if c.name not in web]
        with httpx.Client(timeout=2) as client:
            while waiting:
                for child in workers:
                    if child.poll() is not None:
                        raise StackError(
                            f"{child.name} exited with status {child.poll()} while starting\n"
                            f"{child.output_tail}"
                        )
                for child in list(waiting):
                    if child.poll() is not None:
                        raise StackError(
                            f"{child.name} exited with status {child.poll()} while starting\n"
                            f"{child.output_tail}"
                        )
                    if _is_ready(client, f"{self._child_urls[child.name]}/readyz"):
                        waiting.remove(child)
                if waiting and time.monotonic() > deadline:
                    child = waiting[0]
                    raise StackError(
                        f"{child.name} was not ready after {self.ready_timeout:.0f} s\n"
                        f"{child.output_tail}"
                    )
                if waiting:
                    time.sleep(0.2)


def _is_ready(client: httpx.Client, url: str) -> bool:
    try:
        return client.get(url).status_code == 200
    except httpx.TransportError:
        return False


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
