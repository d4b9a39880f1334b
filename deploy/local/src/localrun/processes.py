"""Child processes whose output is interleaved on our stdout, each line prefixed with a name."""

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path

_print_lock = threading.Lock()
_TAIL_LINES = 60


def say(line: str) -> None:
    with _print_lock:
        print(line, flush=True)


class Child:
    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        prefix_width: int = 0,
    ) -> None:
        self.name = name
        self._prefix = f"[{name}]".ljust(prefix_width + 2) + " "
        self._tail: deque[str] = deque(maxlen=_TAIL_LINES)
        self._process = subprocess.Popen(  # noqa: S603 - argv built by localrun itself
            argv,
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            # A group of its own: Ctrl-C reaches only us, and we stop children in order.
            process_group=0,
        )
        self._pump = threading.Thread(target=self._copy_output, daemon=True)
        self._pump.start()

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def output_tail(self) -> str:
        self._pump.join(timeout=1)
        return "\n".join(self._tail)

    def poll(self) -> int | None:
        return self._process.poll()

    def wait(self) -> int:
        try:
            return self._process.wait()
        finally:
            self._pump.join(timeout=1)

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def wait_until(self, deadline: float) -> bool:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=max(0.0, deadline - time.monotonic()))
        return self._process.poll() is not None

    def _signal(self, signum: signal.Signals) -> None:
        if self._process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signum)

    def _copy_output(self) -> None:
        assert self._process.stdout is not None
        for raw in self._process.stdout:
            line = raw.rstrip("\n")
            self._tail.append(line)
            say(f"{self._prefix}{line}")


def stop_all(children: Sequence[Child], grace_seconds: float = 10) -> None:
    """SIGTERM to all at once, then SIGKILL to whoever is still there after the grace period."""
    for child in children:
        child.terminate()
    deadline = time.monotonic() + grace_seconds
    stragglers = [child for child in children if not child.wait_until(deadline)]
    for child in stragglers:
        say(f"[localrun] {child.name} did not stop in {grace_seconds:.0f} s; killing it")
        child.kill()
    for child in children:
        child.wait()


def run_to_end(
    name: str, argv: Sequence[str], env: Mapping[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run a one-off command with prefixed output; stopped with us if we are interrupted."""
    child = Child(name, argv, env, cwd)
    try:
        code = child.wait()
    except BaseException:
        stop_all([child])
        raise
    return subprocess.CompletedProcess(list(argv), code, stdout=child.output_tail)


def interrupt_on_sigterm() -> None:
    """Make SIGTERM unwind like Ctrl-C, so one cleanup path serves both."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def ignore_interrupts() -> None:
    """For the cleanup itself: a second Ctrl-C must not leave children behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
