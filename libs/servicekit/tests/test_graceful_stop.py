"""A web process stops gracefully on SIGTERM: /readyz answers 503 at once, for the drain
period, while requests are still served; then the listener closes and the requests in flight
complete. A real uvicorn process, as in a pod."""

import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest

from servicekit.testing.plugin import to_asyncpg_url
from servicekit.testing.workers import wait_ready

APP = """
    import asyncio
    import os

    from fastapi import APIRouter

    from servicekit.app import create_service_app
    from servicekit.settings import ServiceSettings

    router = APIRouter()


    @router.get("/slow")
    async def slow() -> dict[str, bool]:
        await asyncio.sleep(3)
        return {"done": True}


    def create_app():
        settings = ServiceSettings(
            database_url=os.environ["DRAIN_DATABASE_URL"],
            shutdown_drain_seconds=1.5,
            log_level="WARNING",
        )
        return create_service_app(
            settings, title="drain", description="drain", version="0", routers=[router]
        )
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_sigterm_makes_readiness_fail_first_and_lets_requests_in_flight_complete(
    tmp_path: Path, postgres_admin_url: str
) -> None:
    (tmp_path / "drainapp.py").write_text(textwrap.dedent(APP))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(tmp_path),
        "DRAIN_DATABASE_URL": to_asyncpg_url(postgres_admin_url, "postgres"),
    }
    argv = [sys.executable, "-m", "uvicorn", "drainapp:create_app", "--factory"]
    process = subprocess.Popen(
        [*argv, "--port", str(port), "--no-access-log"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            wait_ready(client, process=process)

            answers: list[httpx.Response] = []

            def in_flight() -> None:
                with httpx.Client(base_url=base, timeout=10) as own:
                    answers.append(own.get("/slow"))

            slow = threading.Thread(target=in_flight)
            slow.start()
            time.sleep(0.3)
            process.send_signal(signal.SIGTERM)
            time.sleep(0.2)
            # Draining: unready, yet still listening and serving.
            with httpx.Client(base_url=base, timeout=10) as fresh:
                ready = fresh.get("/readyz")
                assert ready.status_code == 503, ready.text
                assert ready.headers["content-type"] == "application/problem+json"
                assert fresh.get("/healthz").status_code == 200
            # After the drain: the listener is closed to new connections.
            time.sleep(1.6)
            with pytest.raises(httpx.TransportError), httpx.Client(base_url=base) as late:
                late.get("/healthz")
            slow.join(timeout=10)
            [answer] = answers
            assert answer.status_code == 200
            assert answer.json() == {"done": True}
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
