"""Two replicas of every service behind the real gateway; one of each is killed (SIGKILL)
in the middle of a stream of reads and writes. No read fails, and every write, sent once with
its Idempotency-Key, is there exactly once."""

import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from localrun.devsecrets import load_secrets
from localrun.stack import SERVICES, Stack, free_ports
from membership.people.generate import valid_id_number
from servicekit.pgcluster import PostgresCluster

REPO_ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.xdist_group("e2e")

ENTRANTS = 40
PASSWORD = "e2e-replicas-pass"


@pytest.fixture(scope="module")
def replicated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    root = tmp_path_factory.mktemp("replicas")
    with PostgresCluster(root / "postgres", durable=False) as cluster:
        extra = free_ports()
        suite = Stack(
            REPO_ROOT,
            cluster.superuser_url,
            free_ports(),
            secrets=load_secrets(root, {}),
            replicas={s.name: [extra[s.name]] for s in SERVICES if s.name != "gateway"},
            extra_env={"competition": {"COMPETITION_NOTICE_DAYS_MIN": "0"}},
            ready_timeout=180,
        )
        suite.prepare()
        suite.start()
        try:
            yield suite
        finally:
            suite.stop()


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, (response.request.url, response.text)
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sign_in(gateway: httpx.Client, username: str, password: str) -> dict[str, str]:
    form = {"grant_type": "password", "username": username, "password": password}
    return bearer(ok(gateway.post("/membership/v1/auth/token", data=form))["access_token"])


def post_once(gateway: httpx.Client, url: str, body: Any, headers: dict[str, str]) -> Any:
    """A write as a careful client sends it: one key, the same key again while the first is
    still running somewhere (409 idempotency-in-flight), never a second key."""
    headers = headers | {"Idempotency-Key": str(uuid.uuid4())}
    deadline = time.monotonic() + 30
    while True:
        response = gateway.post(url, json=body, headers=headers)
        in_flight = response.status_code == 409 and "idempotency-in-flight" in response.text
        if not in_flight or time.monotonic() > deadline:
            return ok(response, 201)
        time.sleep(0.2)


def test_a_replica_killed_mid_stream_loses_and_doubles_nothing(replicated: Stack) -> None:
    with httpx.Client(base_url=replicated.urls["gateway"], timeout=30) as gateway:
        admin = sign_in(gateway, replicated.admin_username, replicated.admin_password)
        city = ok(
            gateway.post(
                "/membership/v1/orgs",
                json={
                    "name": "温州市总工会",
                    "kind": "federation",
                    "level": "city",
                    "region_code": "330300",
                },
                headers=admin,
            ),
            201,
        )
        union = ok(
            gateway.post(
                "/membership/v1/orgs",
                json={
                    "name": "温州市鞋业工会",
                    "kind": "grassroots",
                    "level": "grassroots",
                    "region_code": "330302",
                    "parent_id": city["id"],
                },
                headers=admin,
            ),
            201,
        )
        numbers = [
            ok(
                gateway.post(
                    "/membership/v1/members",
                    json={
                        "person": {
                            "name": f"鞋匠{n}",
                            "id_number": valid_id_number(7300 + n, "330302"),
                        },
                        "org_id": union["id"],
                    },
                    headers=admin,
                ),
                201,
            )["membership_no"]
            for n in range(ENTRANTS)
        ]
        username = f"e2e.replicas.{uuid.uuid4().hex[:8]}"
        ok(
            gateway.post(
                "/membership/v1/accounts",
                json={
                    "username": username,
                    "password": PASSWORD,
                    "display_name": username,
                    "roles": ["cadre"],
                    "org_scope": [city["id"]],
                    "permissions": ["run_competitions"],
                },
                headers=admin,
            ),
            201,
        )
        organiser = sign_in(gateway, username, PASSWORD)
        competition = ok(
            gateway.post(
                "/competition/v1/competitions",
                json={
                    "name": "温州市制鞋技能竞赛",
                    "kind": "vocational_skills",
                    "level": "city",
                    "year": 2026,
                    "host_org_id": city["id"],
                    "notice_days": 0,
                },
                headers=organiser,
            ),
            201,
        )
        event = ok(
            gateway.post(
                f"/competition/v1/competitions/{competition['id']}/events",
                json={
                    "name": "手工制鞋",
                    "format": "individual",
                    "rubric": {
                        "criteria": [
                            {
                                "code": "skill",
                                "name": "工艺",
                                "kind": "judged",
                                "max_mark": "100",
                                "weight": "1",
                            }
                        ]
                    },
                    "aggregation": "mean",
                    "judges_per_entry": 1,
                    "groups": [{"kind": "employee", "name": "职工组"}],
                    "stages": [{"kind": "final"}],
                },
                headers=organiser,
            ),
            201,
        )
        path = f"/competition/v1/competitions/{competition['id']}"
        ok(gateway.post(f"{path}/open-registration", headers=organiser))
        group = event["groups"][0]["id"]

        failed_reads: list[str] = []
        entered: list[str] = []
        done = threading.Semaphore(0)

        def enter_and_read(number: str) -> None:
            entry = post_once(
                gateway,
                f"/competition/v1/events/{event['id']}/entries",
                {"group_id": group, "membership_no": number},
                organiser,
            )
            entered.append(entry["id"])
            for url, headers in (
                ("/membership/v1/accounts/me", admin),
                (f"/membership/v1/orgs/{union['id']}", admin),
                (f"/competition/v1/entries/{entry['id']}", organiser),
                (path, organiser),
                ("/rebate/v1/ledger/trial-balance", admin),
            ):
                response = gateway.get(url, headers=headers)
                if response.status_code != 200:
                    failed_reads.append(f"{url}: {response.status_code} {response.text}")
            done.release()

        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(enter_and_read, number) for number in numbers]
            for _ in range(ENTRANTS // 3):
                done.acquire()
            for name in ("membership-2", "competition-2", "rebate-2"):
                replicated.kill(name)
            for future in futures:
                future.result()

        assert failed_reads == []
        assert len(entered) == ENTRANTS
        listed: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            params = {"limit": "100"} | ({"cursor": cursor} if cursor else {})
            page = ok(gateway.get(f"{path}/entries", params=params, headers=organiser))
            listed += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        # Each member entered once: no write lost, none made twice by a retry.
        assert sorted(e["id"] for e in listed) == sorted(entered)
        entrants = [p["membership_no"] for e in listed for p in e["participants"]]
        assert sorted(entrants) == sorted(numbers)
