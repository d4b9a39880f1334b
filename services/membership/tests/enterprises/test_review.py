"""A flagged credit code (wrong GB 32100 check character) is cleared by a cadre of the
federation after comparing it with the business licence: confirmed as it stands, or
corrected to a code that passes the check. Every review is kept."""

from typing import Any

import httpx

ANY = {"If-Match": "*"}


def flipped(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


async def test_cadre_confirms_a_flagged_code_and_the_review_is_kept(
    client: httpx.AsyncClient, tree: Any, make_uscc: Any, register: Any, cadre: Any
) -> None:
    wrong = flipped(make_uscc(301))
    enterprise = await register(wrong)
    assert enterprise["needs_review"] is True
    county = {**cadre(tree.shangcheng), **ANY}
    reviewed = await client.post(
        f"/v1/enterprises/{enterprise['id']}/review",
        json={"uscc": wrong.lower(), "note": "已核对营业执照原件"},
        headers=county,
    )
    assert reviewed.status_code == 200, reviewed.text
    assert (reviewed.json()["needs_review"], reviewed.json()["uscc"]) == (False, wrong)
    flagged = await client.get(
        "/v1/enterprises",
        params={"org_id": tree.shangcheng, "needs_review": True},
        headers=county,
    )
    assert flagged.json()["items"] == []

    reviews = await client.get(f"/v1/enterprises/{enterprise['id']}/reviews", headers=county)
    [review] = reviews.json()
    assert (review["uscc_before"], review["uscc_after"]) == (wrong, wrong)
    assert review["note"] == "已核对营业执照原件"
    assert review["reviewed_by"]
    again = await client.post(
        f"/v1/enterprises/{enterprise['id']}/review", json={"uscc": wrong}, headers=county
    )
    assert again.status_code == 409


async def test_a_correction_must_pass_the_check(
    client: httpx.AsyncClient, tree: Any, make_uscc: Any, register: Any, cadre: Any
) -> None:
    right = make_uscc(302)
    enterprise = await register(flipped(right))
    county = {**cadre(tree.shangcheng), **ANY}
    url = f"/v1/enterprises/{enterprise['id']}/review"
    still_wrong = flipped(make_uscc(303))
    refused = await client.post(url, json={"uscc": still_wrong}, headers=county)
    assert refused.status_code == 422
    assert refused.json()["type"].endswith(":correction-fails-check")
    taken = (await register(make_uscc(304)))["uscc"]
    clash = await client.post(url, json={"uscc": taken}, headers=county)
    assert clash.status_code == 409
    corrected = await client.post(url, json={"uscc": right}, headers=county)
    assert corrected.status_code == 200, corrected.text
    assert (corrected.json()["uscc"], corrected.json()["needs_review"]) == (right, False)
    found = await client.get("/v1/enterprises", params={"uscc": right}, headers=county)
    assert found.json()["id"] == enterprise["id"]
    [review] = (await client.get(f"{url}s", headers=county)).json()
    assert (review["uscc_before"], review["uscc_after"]) == (flipped(right), right)


async def test_only_the_federation_with_manage_enterprises_reviews(
    client: httpx.AsyncClient, auth: Any, tree: Any, make_uscc: Any, register: Any, cadre: Any
) -> None:
    wrong = flipped(make_uscc(305))
    enterprise = await register(wrong)
    url = f"/v1/enterprises/{enterprise['id']}/review"
    other_county = {**cadre(tree.gongshu), **ANY}
    assert (await client.post(url, json={"uscc": wrong}, headers=other_county)).status_code == 404
    no_permission = {**cadre(tree.shangcheng, "manage_members"), **ANY}
    assert (await client.post(url, json={"uscc": wrong}, headers=no_permission)).status_code == 403
    as_itself = {**auth("enterprise", enterprise_scope=wrong), **ANY}
    assert (await client.post(url, json={"uscc": wrong}, headers=as_itself)).status_code == 403
    assert (await client.get(f"{url}s", headers=other_county)).status_code == 404
    unchanged = await client.get(
        f"/v1/enterprises/{enterprise['id']}", headers=cadre(tree.shangcheng)
    )
    assert unchanged.json()["needs_review"] is True
