"""Bulk import: row-by-row checks, valid rows kept, error report, idempotent re-runs."""

import csv
import io
from typing import Any

import httpx
from openpyxl import Workbook

from membership.people.generate import valid_id_number


def cadre(auth: Any, org_id: str) -> dict[str, str]:
    return auth("cadre", org_scope=(org_id,), permissions=("manage_members",))


def csv_file(
    rows: list[list[str]], header: tuple[str, ...] = ("姓名", "身份证号", "手机号", "就业形态")
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def good_rows(count: int, start: int = 100) -> list[list[str]]:
    return [
        [f"快递员{n}", valid_id_number(n, born="19880512"), f"139{n:08d}", "快递员"]
        for n in range(start, start + count)
    ]


async def upload(
    client: httpx.AsyncClient, headers: dict[str, str], org_id: str, name: str, content: bytes
) -> httpx.Response:
    return await client.post(
        f"/v1/orgs/{org_id}/imports", files={"file": (name, content)}, headers=headers
    )


async def test_valid_rows_are_kept_and_refused_rows_reported(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any
) -> None:
    await enrol(tree.gongshu_union, 7)
    bad_check = valid_id_number(5)[:17] + ("1" if valid_id_number(5)[17] == "0" else "0")
    rows = good_rows(3) + [
        ["", valid_id_number(1), "", ""],  # row 5: no name
        ["李四", bad_check, "", ""],  # row 6: wrong check digit
        ["王五", valid_id_number(2), "12345", ""],  # row 7: bad phone
        ["赵六", valid_id_number(3), "", "宇航员"],  # row 8: unknown employment form
        ["快递员100", valid_id_number(100, born="19880512"), "", "快递员"],  # row 9: same as row 2
        ["骑手7", valid_id_number(7), "", "外卖骑手"],  # row 10: member of another union
    ]
    headers = cadre(auth, tree.shangcheng)
    response = await upload(client, headers, tree.shangcheng_union, "members.csv", csv_file(rows))
    assert response.status_code == 201, response.text
    job = response.json()
    assert (job["total_rows"], job["created_rows"], job["unchanged_rows"], job["error_rows"]) == (
        9,
        3,
        0,
        6,
    )

    report = await client.get(f"/v1/imports/{job['id']}/errors.csv", headers=headers)
    lines = list(csv.reader(io.StringIO(report.text.lstrip("\ufeff"))))
    assert lines[0] == ["row", "field", "reason"]
    by_row = {int(line[0]): (line[1], line[2]) for line in lines[1:]}
    assert by_row[5][0] == "name"
    assert "check digit" in by_row[6][1]
    assert by_row[7][0] == "phone"
    assert by_row[8][0] == "employment_form"
    assert by_row[9][1] == "Same person as row 2"
    assert "another union" in by_row[10][1]

    members = await client.get(
        "/v1/members", params={"org_id": tree.shangcheng_union}, headers=headers
    )
    assert len(members.json()["items"]) == 3
    assert {m["person"]["employment_form"] for m in members.json()["items"]} == {"courier"}


async def test_the_same_file_again_changes_nothing(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    headers = cadre(auth, tree.shangcheng)
    content = csv_file(good_rows(25))
    first = (await upload(client, headers, tree.shangcheng_union, "a.csv", content)).json()
    stats_before = (await client.get(f"/v1/orgs/{tree.shangcheng}/stats", headers=headers)).json()
    second = (await upload(client, headers, tree.shangcheng_union, "a.csv", content)).json()
    stats_after = (await client.get(f"/v1/orgs/{tree.shangcheng}/stats", headers=headers)).json()
    assert (first["created_rows"], second["created_rows"], second["unchanged_rows"]) == (25, 0, 25)
    assert first["file_sha256"] == second["file_sha256"]
    assert stats_before == stats_after
    assert stats_after["members"] == 25
    assert stats_after["new_form_members"] == 25


async def test_xlsx_with_english_headings(client: httpx.AsyncClient, auth: Any, tree: Any) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "id_number", "phone", "employment_form"])
    for row in good_rows(4, start=300):
        sheet.append(row[:3] + ["truck_driver"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = await upload(
        client, cadre(auth, tree.gongshu), tree.gongshu_union, "drivers.xlsx", buffer.getvalue()
    )
    assert response.status_code == 201, response.text
    assert response.json()["created_rows"] == 4


async def test_unreadable_files_are_422(client: httpx.AsyncClient, auth: Any, tree: Any) -> None:
    headers = cadre(auth, tree.gongshu)
    no_id_column = csv_file([["张三"]], header=("姓名",))
    for name, content in (
        ("x.csv", no_id_column),
        ("x.pdf", b"%PDF"),
        ("x.xlsx", b"not a zip"),
        ("x.csv", b"\xff\xfe\x00bad"),
    ):
        response = await upload(client, headers, tree.gongshu_union, name, content)
        assert response.status_code == 422, (name, response.text)
        assert response.headers["content-type"] == "application/problem+json"


async def test_imports_of_other_counties_are_404(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    job = (
        await upload(
            client, cadre(auth, tree.gongshu), tree.gongshu_union, "a.csv", csv_file(good_rows(1))
        )
    ).json()
    outsider = cadre(auth, tree.shangcheng)
    assert (await client.get(f"/v1/imports/{job['id']}", headers=outsider)).status_code == 404
    assert (
        await client.get(f"/v1/imports/{job['id']}/errors.csv", headers=outsider)
    ).status_code == 404
    assert (
        await upload(client, outsider, tree.gongshu_union, "a.csv", csv_file(good_rows(1)))
    ).status_code == 404
