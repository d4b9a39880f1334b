"""README's "A tax partner signing a delivery" runs as written against the real suite: the
Python block is taken from the README and run as a partner's program would be, so the page
cannot drift from what rebate accepts."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from localrun.stack import Stack

pytestmark = pytest.mark.xdist_group("e2e")

README = Path(__file__).resolve().parents[2] / "README.md"
HEADING = "#### A tax partner signing a delivery (Python)"


def readme_snippet() -> str:
    section = README.read_text().split(HEADING, 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the section has no Python block"
    return match.group(1)


def run_snippet(gateway_url: str, partner_id: str, secret: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GW": gateway_url, "PARTNER_ID": partner_id, "PARTNER_SECRET": secret}
    return subprocess.run(
        [sys.executable, "-c", readme_snippet()],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def tax_partner(gateway: httpx.Client, admin_token: str, name: str) -> dict[str, Any]:
    created = gateway.post(
        "/rebate/v1/partners",
        json={"name": name, "kind": "tax", "region_prefixes": ["35"]},
        headers={"Authorization": f"Bearer {admin_token}"},
    )
    assert created.status_code == 201, created.text
    partner: dict[str, Any] = created.json()
    return partner


def test_the_readme_tax_partner_snippet_delivers_a_signed_fee_record(
    stack: Stack, gateway: httpx.Client, admin_token: str
) -> None:
    partner = tax_partner(gateway, admin_token, "README 税务伙伴")
    done = run_snippet(stack.urls["gateway"], partner["id"], partner["secret"])
    assert done.returncode == 0, done.stderr
    assert ast.literal_eval(done.stdout.strip())["accepted"] == 1


def test_the_snippet_signed_with_another_partners_secret_is_refused(
    stack: Stack, gateway: httpx.Client, admin_token: str
) -> None:
    ours = tax_partner(gateway, admin_token, "README 税务伙伴（被冒充）")
    other = tax_partner(gateway, admin_token, "README 另一税务伙伴")
    done = run_snippet(stack.urls["gateway"], ours["id"], other["secret"])
    assert done.returncode != 0
    assert "401" in done.stderr
