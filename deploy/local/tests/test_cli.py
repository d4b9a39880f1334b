import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from localrun.cli import DATA_DIR, _print_banner
from localrun.stack import Service, Stack


def test_test_command_runs_pytest_on_a_throwaway_cluster_and_passes_its_exit_status(
    tmp_path: Path,
) -> None:
    (tmp_path / "test_probe.py").write_text(
        textwrap.dedent("""
            import asyncio
            import os

            import asyncpg

            def test_database_answers() -> None:
                async def probe() -> int:
                    conn = await asyncpg.connect(os.environ["TEST_DATABASE_URL"])
                    try:
                        return await conn.fetchval("SELECT 1")
                    finally:
                        await conn.close()

                assert asyncio.run(probe()) == 1

            def test_fails() -> None:
                raise AssertionError("on purpose")
        """)
    )
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    pytest_args = ["-p", "no:cacheprovider", "-o", "addopts=", "--rootdir", str(tmp_path)]
    result = subprocess.run(
        [sys.executable, "-m", "localrun", "test", *pytest_args, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout + result.stderr
    assert "1 failed, 1 passed" in result.stdout


def test_unknown_command_prints_usage() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "localrun", "deploy"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "usage: python -m localrun" in result.stderr


def test_the_last_lines_of_run_give_the_addresses_the_logins_and_the_secrets_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    services = [
        Service("membership", "membership.main:create_app", 8001, lambda wiring: {}),
        Service("gateway", "gateway.main:create_app", 8000, lambda wiring: {}, database=False),
    ]
    secrets = {"BOOTSTRAP_ADMIN_PASSWORD": "admin-pw", "MEMBERSHIP_DB_PASSWORD": "db-pw"}
    stack = Stack(
        Path("."),
        "postgresql://root@127.0.0.1/x",
        {"membership": 8001, "gateway": 8000},
        secrets=secrets,
        services=services,
    )
    seeded = {"membership": "membership demo data seeded\n  county cadre  yh.cadre / demo-pw"}

    _print_banner(stack, seeded)

    lines = capsys.readouterr().out.strip().splitlines()
    assert "admin login  admin / admin-pw" in lines
    assert lines[lines.index("demo logins") + 1] == "  county cadre  yh.cadre / demo-pw"
    assert "membership demo data seeded" not in lines
    assert lines[-2].startswith(f"secrets      {DATA_DIR / 'secrets.env'}")
    assert lines[-1] == "Ctrl-C stops everything."
