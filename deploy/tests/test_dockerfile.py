"""The Dockerfile's promises that hadolint does not check: a target per process, built on the
slim runtime stage, as a non-root user, with nothing but the environment and migrations."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("membership", "rebate", "competition", "gateway")


def _stages() -> dict[str, list[str]]:
    stages: dict[str, list[str]] = {}
    current = ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if match := re.match(r"FROM (\S+) AS (\S+)", line):
            current = match[2]
            stages[current] = [line]
        elif current:
            stages[current].append(line)
    return stages


def test_each_process_is_a_target_on_the_runtime_stage() -> None:
    stages = _stages()
    for app in APPS:
        assert stages[app][0] == f"FROM runtime AS {app}"
        copies = [line for line in stages[app] if line.startswith("COPY")]
        assert copies[0] == f"COPY --from=build-{app} /app/.venv /app/.venv"
        # Nothing but the environment and the service's migrations.
        allowed = rf"COPY services/{app}/(alembic\.ini \./|migrations \./migrations)"
        for line in copies[1:]:
            assert re.fullmatch(allowed, line)


def test_the_runtime_runs_as_a_non_root_user_without_build_tools() -> None:
    runtime = "\n".join(_stages()["runtime"])
    assert "USER 10001:10001" in runtime
    assert "PYTHONDONTWRITEBYTECODE=1" in runtime
    for tool in ("apt-get", "uv ", "pip ", "gcc"):
        assert tool not in runtime.replace("USER", "")


def test_bytecode_is_compiled_at_build_time() -> None:
    assert "UV_COMPILE_BYTECODE=1" in "\n".join(_stages()["build"])


def test_the_build_context_leaves_local_state_and_secrets_out() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".git", ".data", "**/.env", "**/*.pem", "**/.venv", "deploy/secrets"):
        assert entry in ignored


def test_services_take_the_client_address_the_gateway_states() -> None:
    """Only the gateway reaches a service (NetworkPolicies); without trusting its
    X-Forwarded-For, every client would share the gateway's address, and one address's
    failed sign-ins would lock everybody out."""
    stages = _stages()
    for app in ("membership", "rebate", "competition"):
        [command] = [line for line in stages[app] if line.startswith("CMD")]
        assert '"--forwarded-allow-ips", "*"' in command, app
