"""The retention CronJobs' commands (deploy/k8s) run as the services' own processes would:
with their environment, through the pooler when there is one."""

import json
import subprocess
import sys

import pytest

from localrun.stack import SERVICES, Stack

pytestmark = pytest.mark.xdist_group("e2e")


@pytest.mark.parametrize("name", ["rebate", "competition"])
def test_retention_command_runs_against_the_suite(stack: Stack, name: str) -> None:
    [service] = [s for s in SERVICES if s.name == name]
    result = subprocess.run(
        [sys.executable, "-m", f"{name}.retention"],
        env=stack.env(service, serving=True),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["service"] == name
    assert set(report["deleted"]) >= {"idempotency_record", "outbox_message"}
