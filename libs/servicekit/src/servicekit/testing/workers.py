"""A service's worker (`python -m <service> worker`) as a real process, for tests that probe
and scrape its health server as an orchestrator and Prometheus would."""

import contextlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping

import httpx

READY_SECONDS = 30.0


def wait_ready(
    client: httpx.Client,
    seconds: float = READY_SECONDS,
    process: subprocess.Popen[bytes] | None = None,
    output: Callable[[], str] = lambda: "",
) -> None:
    """Until `client`'s server answers /readyz with 200: a process just started, as an
    orchestrator's readiness probe waits for it. Fails at once if `process` has exited."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if client.get("/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert process is None or process.poll() is None, f"the process exited:\n{output()}"
        assert time.monotonic() < deadline, f"never ready:\n{output()}"
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def running_worker(service: str, prefix: str, env: Mapping[str, str]) -> Iterator[httpx.Client]:
    """The worker with `env` (and its health port), a client on that port once it is ready;
    stopped with SIGTERM afterwards, as a pod is, and it must exit cleanly."""
    port = free_port()
    environment = {"PATH": "/usr/bin:/bin", **env, f"{prefix}WORKER_HEALTH_PORT": str(port)}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", service, "worker"],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def output() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")[-4000:]

        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                wait_ready(client, process=process, output=output)
                yield client
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0, output()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
