"""A member registered at a service point activates their account through the gateway: the
code goes by SMS after the request's commit (a background task of the real process), then
they sign in with their phone number and read their own membership."""

import json
import re
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.xdist_group("e2e")

ID_NUMBER = "330105199003070026"
PHONE = "13700001234"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def code_sent_to(outbox: Path, phone: str) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if outbox.exists():
            texts = [
                m["text"]
                for m in map(json.loads, outbox.read_text(encoding="utf-8").splitlines())
                if m["to"] == phone
            ]
            if texts:
                found = re.search(r"验证码为 (\d{6})", texts[-1])
                assert found, texts[-1]
                return found.group(1)
        time.sleep(0.1)
    raise AssertionError(f"no SMS to {phone}")


def test_member_activates_and_signs_in_with_the_phone_number(
    gateway: httpx.Client, admin_token: str, sms_outbox: Path
) -> None:
    admin = bearer(admin_token)

    def org(name: str, kind: str, level: str, region: str, parent: str | None) -> str:
        body = {"name": name, "kind": kind, "level": level, "region_code": region}
        response = gateway.post(
            "/membership/v1/orgs",
            json=body | ({"parent_id": parent} if parent else {}),
            headers=admin,
        )
        assert response.status_code == 201, response.text
        org_id: str = response.json()["id"]
        return org_id

    province = org("江苏省总工会", "federation", "provincial", "320000", None)
    city = org("南京市总工会", "federation", "city", "320100", province)
    county = org("南京市玄武区总工会", "federation", "county", "320102", city)
    union = org("玄武区快递员工会", "grassroots", "grassroots", "320102", county)
    registered = gateway.post(
        "/membership/v1/members",
        json={
            "person": {"name": "周快递", "id_number": ID_NUMBER, "phone": PHONE},
            "org_id": union,
        },
        headers=admin,
    )
    assert registered.status_code == 201, registered.text

    requested = gateway.post(
        "/membership/v1/auth/activation-codes", json={"id_number": ID_NUMBER, "phone": PHONE}
    )
    assert requested.status_code == 202, requested.text
    password_set = gateway.post(
        "/membership/v1/auth/password",
        json={
            "id_number": ID_NUMBER,
            "code": code_sent_to(sms_outbox, PHONE),
            "password": "a-long-member-password",
        },
    )
    assert password_set.status_code == 200, password_set.text

    token = gateway.post(
        "/membership/v1/auth/token",
        data={"grant_type": "password", "username": PHONE, "password": "a-long-member-password"},
    )
    assert token.status_code == 200, token.text
    me = gateway.get("/membership/v1/me", headers=bearer(token.json()["access_token"]))
    assert me.status_code == 200, me.text
    assert me.json()["membership_no"] == registered.json()["membership_no"]
