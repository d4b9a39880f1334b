"""The gateway stops gracefully on SIGTERM, as the services do: /readyz answers 503 at once
for the drain period while requests are still proxied; then the listener closes to new
connections and the requests in flight complete. A real uvicorn process, as in a pod, in
front of a slow upstream."""

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from servicekit.testing.workers import free_port, wait_ready

DRAIN_SECONDS = 1.5
SLOW_SECONDS = 3.0


class SlowUpstream(BaseHTTPRequestHandler):
    """Membership, as far as this test goes: `/slow` takes its time, `/fast` does not."""

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        body = b'{"done": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowUpstream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_sigterm_makes_the_gateway_unready_first_and_lets_proxied_requests_complete(
    upstream: str,
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "PATH": "/usr/bin:/bin",
        "GATEWAY_MEMBERSHIP_URL": upstream,
        "GATEWAY_PUBLIC_PATHS": '["/membership/*"]',
        "GATEWAY_SHUTDOWN_DRAIN_SECONDS": str(DRAIN_SECONDS),
        "GATEWAY_LOG_LEVEL": "WARNING",
    }
    argv = [sys.executable, "-m", "uvicorn", "gateway.main:create_app", "--factory"]
    process = subprocess.Popen(
        [*argv, "--port", str(port), "--no-access-log"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            wait_ready(client, process=process)

            answers: list[httpx.Response] = []

            def in_flight() -> None:
                with httpx.Client(base_url=base, timeout=10) as own:
                    answers.append(own.get("/membership/slow"))

            slow = threading.Thread(target=in_flight)
            slow.start()
            time.sleep(0.3)
            process.send_signal(signal.SIGTERM)
            time.sleep(0.2)
            # Draining: unready, yet still listening and proxying.
            with httpx.Client(base_url=base, timeout=10) as fresh:
                ready = fresh.get("/readyz")
                assert ready.status_code == 503, ready.text
                assert ready.headers["content-type"] == "application/problem+json"
                assert ready.json()["status"] == 503
                assert fresh.get("/healthz").status_code == 200
                assert fresh.get("/membership/fast").json() == {"done": True}
            # After the drain: the listener is closed to new connections.
            time.sleep(DRAIN_SECONDS + 0.2)
            with pytest.raises(httpx.TransportError), httpx.Client(base_url=base) as late:
                late.get("/healthz")
            slow.join(timeout=10)
            [answer] = answers
            assert answer.status_code == 200
            assert answer.json() == {"done": True}
        # uvicorn ends by raising the SIGTERM it handled again, as a process should.
        assert process.wait(timeout=10) == -signal.SIGTERM
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
