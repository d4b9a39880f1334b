"""The README's walkthrough runs: `deploy/walkthrough.sh` (`make walkthrough`) runs every ```sh
block of its "Calling the API" section against the real suite, seeded as `make run` seeds it,
and stops with the step named at the first answer it did not expect."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from localrun.devsecrets import load_secrets
from localrun.stack import Stack, free_ports
from servicekit.pgcluster import PostgresCluster

pytestmark = pytest.mark.xdist_group("e2e")

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "deploy" / "walkthrough.sh"
README = REPO_ROOT / "README.md"
SECTION = "## Calling the API"


@pytest.fixture(scope="module")
def demo_suite() -> Iterator[tuple[Stack, Path]]:
    """A suite of its own with the demo data, and its data directory (secrets.env, the SMS
    outbox) where the walkthrough looks for `make run`'s."""
    for tool in ("curl", "jq", "openssl"):
        assert shutil.which(tool), f"the walkthrough needs {tool}"
    # Not under pytest's temporary directories: other pytest runs of the same user delete all
    # but the newest three, and this cluster lives for ten minutes.
    with (
        tempfile.TemporaryDirectory(prefix="gonghui-walkthrough-") as directory,
        PostgresCluster(Path(directory) / "postgres", durable=False) as cluster,
    ):
        data = Path(directory) / "data"
        secrets = load_secrets(data, {})
        sms = {"MEMBERSHIP_SMS_OUTBOX_FILE": str(data / "sms-outbox.jsonl")}
        suite = Stack(
            REPO_ROOT,
            cluster.superuser_url,
            free_ports(),
            secrets=secrets,
            extra_env={"membership": sms},
            ready_timeout=120,
        )
        suite.prepare()
        suite.start()
        try:
            suite.seed()
            yield suite, data
        finally:
            suite.stop()


def walk(suite: Stack, data: Path, readme: Path = README) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"GW": suite.urls["gateway"], "DATA": str(data), "README": str(readme)}
    return subprocess.run(
        [str(SCRIPT)], env=env, capture_output=True, text=True, timeout=900, check=False
    )


def test_the_readme_walkthrough_runs_to_the_end_on_the_demo_data(
    demo_suite: tuple[Stack, Path],
) -> None:
    result = walk(*demo_suite)
    assert result.returncode == 0, result.stderr[-6000:]
    steps = len(re.findall(r"^── README\.md:\d+", result.stderr, re.MULTILINE))
    assert f"all {steps} steps of README.md answered as expected" in result.stderr
    # The import's error report arrived whole: its header and both refused rows.
    assert "row,field,reason\n3,id_number," in result.stdout
    assert "\n4,employment_form," in result.stdout
    # The public leaderboard of the published demo contest answered, names masked.
    assert '"rank":1' in result.stdout


def test_a_second_walk_on_the_same_data_runs_too(demo_suite: tuple[Stack, Path]) -> None:
    result = walk(*demo_suite)
    assert result.returncode == 0, result.stderr[-6000:]


def test_make_demo_rebate_runs_to_the_end_with_an_empty_reconciliation_after_each_turn(
    demo_suite: tuple[Stack, Path],
) -> None:
    """`make demo-rebate` as a user runs it: a correction after payment, a late record, a
    contradictory bank answer and an application-mode period, the reconciliation empty after
    each (the script stops with its reason at the first violation)."""
    suite, data = demo_suite
    env = os.environ | {
        "GATEWAY_URL": suite.urls["gateway"],
        "BOOTSTRAP_ADMIN_PASSWORD": load_secrets(data, {})["BOOTSTRAP_ADMIN_PASSWORD"],
        "DEMO_TIMEOUT": "300",
    }
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "deploy" / "demo_rebate.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    turns = [line.split("]", 1)[0].strip("[ ") for line in result.stdout.splitlines()]
    checks = [n for n, turn in enumerate(turns) if turn == "check"]
    # After the first period is paid, after the correction, the late record and the bank's
    # contradiction, and after the application-mode period.
    for turn in ("paid", "fix", "late", "bank", "apply"):
        last = max(n for n, t in enumerate(turns) if t == turn)
        assert any(c > last for c in checks), (turn, result.stdout)
    assert len(checks) == 5, result.stdout
    for shown in ("owes", "supplementary", "paid after all", "the application is paid"):
        assert shown in result.stdout, result.stdout


def readme_with(tmp_path: Path, block: str) -> Path:
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{SECTION}\n\nSigned in:\n\n```sh\n{block}\n```\n\n## Next\n")
    return readme


def test_an_unexpected_answer_stops_the_walkthrough_naming_the_step_and_the_request(
    demo_suite: tuple[Stack, Path], tmp_path: Path
) -> None:
    block = "curl -s $GW/membership/v1/accounts/me\necho not reached"
    result = walk(*demo_suite, readme_with(tmp_path, block))
    assert result.returncode != 0
    assert "README.md:8 (1/1, Calling the API)" in result.stderr
    assert "GET /membership/v1/accounts/me answered 401 (expected 2xx)" in result.stderr
    assert "not reached" not in result.stdout


def test_an_answer_named_by_expect_passes_and_only_that_one(
    demo_suite: tuple[Stack, Path], tmp_path: Path
) -> None:
    expected = "EXPECT=401 curl -s $GW/membership/v1/accounts/me\necho reached"
    assert "reached" in walk(*demo_suite, readme_with(tmp_path, expected)).stdout
    other = "EXPECT=404 curl -s $GW/membership/v1/accounts/me"
    result = walk(*demo_suite, readme_with(tmp_path, other))
    assert result.returncode != 0
    assert "answered 401 (expected 404)" in result.stderr


def test_a_failure_inside_a_pipeline_or_substitution_still_stops_it(
    demo_suite: tuple[Stack, Path], tmp_path: Path
) -> None:
    block = 'echo "$(curl -s $GW/membership/v1/accounts/me | jq -r .id)"\necho not reached'
    result = walk(*demo_suite, readme_with(tmp_path, block))
    assert result.returncode != 0
    assert "not reached" not in result.stdout


def test_a_variable_the_readme_never_sets_stops_it(
    demo_suite: tuple[Stack, Path], tmp_path: Path
) -> None:
    result = walk(*demo_suite, readme_with(tmp_path, "curl -s $GW/rebate/v1/cases/$CASE"))
    assert result.returncode != 0
    assert "CASE: unbound variable" in result.stderr


def test_every_command_block_of_the_walkthrough_is_one_the_script_runs() -> None:
    """A curl shown in another kind of block (```, ```bash, ```console) would be shown
    without being run, and could drift."""
    text = README.read_text()
    section = text[text.index(f"\n{SECTION}\n") :]
    section = section[: section.find("\n## ", 1)]
    fences = re.findall(r"^```(\S*)\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    assert [info for info, body in fences if "curl" in body and info != "sh"] == []
    assert len([info for info, _ in fences if info == "sh"]) >= 15
