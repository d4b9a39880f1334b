"""A PgBouncer in transaction mode in front of a PostgreSQL server, as CloudNativePG's `Pooler`
runs it in production (deploy/k8s), for the tests that prove the services work behind one.

The binary is Debian's `pgbouncer` package (`.ci/run` installs it), found on PATH or in
/usr/sbin. Like PostgreSQL it refuses to run as root; then it runs as the server's OS user.
"""

import contextlib
import os
import pwd
import shutil
import socket
import stat
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import make_url

START_TIMEOUT_SECONDS = 15
# The OS users PostgresCluster runs its server as, in its order of preference.
_OS_USERS = ("postgres", "pgcluster")


class PgBouncerError(RuntimeError):
    pass


def find_pgbouncer() -> Path | None:
    found = shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin")
    return Path(found) if found else None


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


class PgBouncer:
    """Listens on `127.0.0.1:port`, passing every database of `server_url`'s server through.

    `users` are the login roles and passwords it accepts (and uses towards the server);
    `pool_size` is its server connections per database and role. Start-up parameters other
    than the few PgBouncer tracks are refused, as in production.
    """

    def __init__(
        self,
        work_dir: Path,
        server_url: str,
        users: Mapping[str, str],
        *,
        pool_size: int = 2,
        binary: Path | None = None,
    ) -> None:
        self.work_dir = work_dir
        self._server = make_url(server_url)
        self._users = dict(users)
        self._pool_size = pool_size
        self._binary = binary or find_pgbouncer()
        self._process: subprocess.Popen[bytes] | None = None
        self.port = 0

    def url(self, url: str) -> str:
        """`url` (any role, any database of the server) redirected through the pooler."""
        return (
            make_url(url)
            .set(host="127.0.0.1", port=self.port)
            .render_as_string(hide_password=False)
        )

    @property
    def log(self) -> str:
        path = self.work_dir / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self) -> None:
        if self._binary is None:
            raise PgBouncerError("no pgbouncer binary: apt-get install pgbouncer")
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        userlist = self.work_dir / "userlist.txt"
        userlist.write_text(
            "".join(f"{_quote(name)} {_quote(pw)}\n" for name, pw in self._users.items())
        )
        config = self.work_dir / "pgbouncer.ini"
        config.write_text(
            "[databases]\n"
            f"* = host={self._server.host} port={self._server.port}\n"
            "[pgbouncer]\n"
            "listen_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\n"
            "unix_socket_dir =\n"
            "auth_type = scram-sha-256\n"
            f"auth_file = {userlist}\n"
            "pool_mode = transaction\n"
            f"default_pool_size = {self._pool_size}\n"
            "max_client_conn = 1000\n"
            f"logfile = {self.work_dir / 'pgbouncer.log'}\n"
        )
        user = _os_user()
        if user is not None:
            _make_reachable(self.work_dir)
            for path in (self.work_dir, userlist, config):
                os.chown(path, user.pw_uid, user.pw_gid)
            for path in (userlist, config):
                path.chmod(0o600)
        self._process = subprocess.Popen(  # noqa: S603 - our own config, a found binary
            [str(self._binary), str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            user=None if user is None else user.pw_uid,
            group=None if user is None else user.pw_gid,
            extra_groups=None if user is None else [],
        )
        self._wait_until_listening()

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

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

    def _wait_until_listening(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if self._process.poll() is not None:
                raise PgBouncerError(f"pgbouncer exited while starting:\n{self.log}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return
            if time.monotonic() > deadline:
                self.stop()
                raise PgBouncerError(f"pgbouncer did not listen in time:\n{self.log}")
            time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _make_reachable(path: Path) -> None:
    # The pooler's OS user must traverse every parent (temp dirs are 0700); search permission
    # lets it through without letting it list those directories.
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH)


def _os_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in _OS_USERS:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PgBouncerError("running as root needs a `postgres` OS user to run pgbouncer as")
