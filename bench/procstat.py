"""CPU time of the processes a benchmark measures, from /proc. This machine is shared: CPU time
per request or row stays meaningful when wall-clock figures stretch with other people's load.
"""

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def server_pid(app: str, port: int) -> int:
    """The uvicorn process serving `app` on `port`, found by its command line."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if app.encode() in argv and str(port).encode() in argv:
            return int(proc.name)
    raise RuntimeError(f"no process serves {app} on port {port}")


def _stat(pid: int) -> list[str]:
    # The fields after the command name, which may itself hold spaces and parentheses.
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()


def process_cpu(pid: int) -> float:
    """utime + stime of one process, in seconds."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / TICKS


def cluster_cpu(postmaster: int) -> float:
    """A PostgreSQL cluster's CPU seconds: the postmaster, its live backends, and those it has
    reaped (cutime + cstime)."""
    fields = _stat(postmaster)
    total = sum(int(f) for f in fields[11:15])
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            child = _stat(int(proc.name))
        except (OSError, ValueError):
            continue
        if int(child[1]) == postmaster:
            total += int(child[11]) + int(child[12])
    return total / TICKS
