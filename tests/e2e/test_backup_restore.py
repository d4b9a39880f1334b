"""A dump of the running suite's database, restored into a fresh cluster: the services start
on it, the accounts, organisations and money are there, the ledger balances and the audit
chain verifies."""

import uuid
from pathlib import Path

import httpx
import pytest

from localrun.backup import dump, restore
from localrun.stack import Stack, free_ports
from servicekit.pgcluster import PostgresCluster

pytestmark = pytest.mark.xdist_group("e2e")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_restored_dump_serves_the_same_suite(
    stack: Stack, gateway: httpx.Client, admin_token: str, tmp_path: Path
) -> None:
    admin = bearer(admin_token)
    org = gateway.post(
        "/membership/v1/orgs",
        json={
            "name": "福州市仓山区总工会",
            "kind": "federation",
            "level": "county",
            "region_code": "350104",
        },
        headers=admin,
    )
    assert org.status_code == 201, org.text
    policy = gateway.post(  # the policy's creation is an audited step
        "/rebate/v1/policies",
        json={
            "policy_key": f"fj-restore-{uuid.uuid4().hex[:8]}",
            "name": "返还政策",
            # Two policies in force never overlap: this one covers a region and year no other
            # end-to-end test uses (test_sdk_flow runs 350105 in 2031, test_rebate_worker
            # 2032 and 2033), whatever order they run in.
            "region_prefixes": ["3501"],
            "period_from": "2034-01",
            "period_to": "2034-12",
        },
        headers=admin,
    )
    assert policy.status_code == 201, policy.text
    audit = gateway.get("/rebate/v1/audit/verify", headers=admin).json()
    assert audit["intact"] is True
    assert audit["events_checked"] >= 1

    backup = tmp_path / "gonghui.dump"
    dump(stack.admin_dsn, stack.database, backup)

    with PostgresCluster(tmp_path / "restored", durable=False) as fresh:
        restore(fresh.superuser_url, stack.database, backup, stack.roles)
        restored = Stack(
            stack.root,
            fresh.superuser_url,
            free_ports(),
            secrets=stack.secrets,
            ready_timeout=120,
        )
        # Migrations find nothing to do, the admin and clients exist: prepare changes nothing.
        with restored, httpx.Client(base_url=restored.urls["gateway"], timeout=30) as again:
            token = again.post(
                "/membership/v1/auth/token",
                data={
                    "grant_type": "password",
                    "username": restored.admin_username,
                    "password": restored.admin_password,
                },
            )
            assert token.status_code == 200, token.text
            admin = bearer(token.json()["access_token"])
            assert (
                again.get(f"/membership/v1/orgs/{org.json()['id']}", headers=admin).json()["name"]
                == "福州市仓山区总工会"
            )
            balance = again.get("/rebate/v1/ledger/trial-balance", headers=admin).json()
            assert balance["total"] == "0.00"
            # The chain verifies as before (a checkpoint may have been signed meanwhile), and
            # every money invariant holds on the restored database.
            verified = again.get("/rebate/v1/audit/verify", headers=admin).json()
            assert (verified["intact"], verified["events_checked"]) == (
                True,
                audit["events_checked"],
            )
            reconciled = again.get("/rebate/v1/reconciliation", headers=admin).json()
            assert reconciled["violations"] == []
