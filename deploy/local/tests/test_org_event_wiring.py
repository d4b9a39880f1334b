"""Contract C2 in `make run`: membership is told where competition hears organisation events,
with the same secret competition verifies them with, and nobody else gets that secret."""

import json
from pathlib import Path

from localrun.devsecrets import load_secrets
from localrun.stack import SERVICES, Stack
from servicekit import webhooks

PORTS = {"membership": 18001, "rebate": 18002, "competition": 18003, "gateway": 18000}


def env_of(stack: Stack, name: str) -> dict[str, str]:
    return stack.env(next(s for s in stack.services if s.name == name))


def test_membership_publishes_to_competition_with_its_secret(tmp_path: Path) -> None:
    secrets = load_secrets(tmp_path, environ={})
    shared = secrets["COMPETITION_MEMBERSHIP_WEBHOOK_SECRET"]
    assert shared.startswith(webhooks.SECRET_PREFIX)
    webhooks.sign(shared, "msg_1", 0, b"{}")  # decodes as a Standard Webhooks secret

    stack = Stack(tmp_path, "postgresql://admin@127.0.0.1/postgres", PORTS, secrets=secrets)
    membership, competition, rebate = (
        env_of(stack, name) for name in ("membership", "competition", "rebate")
    )

    assert json.loads(membership["MEMBERSHIP_ORG_EVENT_SUBSCRIBERS"]) == [
        {"url": "http://127.0.0.1:18003/v1/webhooks/membership", "secret": shared}
    ]
    assert competition["COMPETITION_MEMBERSHIP_WEBHOOK_SECRET"] == shared
    assert "COMPETITION_MEMBERSHIP_WEBHOOK_SECRET" not in membership
    assert "COMPETITION_MEMBERSHIP_WEBHOOK_SECRET" not in rebate
    assert "MEMBERSHIP_ORG_EVENT_SUBSCRIBERS" not in competition


def test_without_competition_membership_has_no_subscriber(tmp_path: Path) -> None:
    secrets = load_secrets(tmp_path, environ={})
    alone = [s for s in SERVICES if s.name == "membership"]
    stack = Stack(
        tmp_path, "postgresql://admin@127.0.0.1/postgres", PORTS, secrets=secrets, services=alone
    )
    assert "MEMBERSHIP_ORG_EVENT_SUBSCRIBERS" not in stack.env(alone[0])
