"""Bulk import: queued by the upload, worked through by the worker; row-by-row checks, valid
rows kept, error report, idempotent re-runs, resumed where a dead worker left off."""

import csv
import io
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from openpyxl import Workbook
from prometheus_client import REGISTRY
from sqlalchemy import text

from membership.imports import processing
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


async def imported(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    org_id: str,
    name: str,
    content: bytes,
    process_imports: Any,
) -> dict[str, Any]:
    """Upload (202, queued), let the worker do it, and read the finished job."""
    response = await upload(client, headers, org_id, name, content)
    assert response.status_code == 202, response.text
    queued = response.json()
    assert (queued["status"], queued["processed_rows"], queued["created_rows"]) == ("queued", 0, 0)
    assert await process_imports() == 1
    job: dict[str, Any] = (await client.get(f"/v1/imports/{queued['id']}", headers=headers)).json()
    assert (job["status"], job["processed_rows"]) == ("done", job["total_rows"])
    return job


async def test_valid_rows_are_kept_and_refused_rows_reported(
    client: httpx.AsyncClient, auth: Any, tree: Any, enrol: Any, process_imports: Any
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
    job = await imported(
        client, headers, tree.shangcheng_union, "members.csv", csv_file(rows), process_imports
    )
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
    client: httpx.AsyncClient, auth: Any, tree: Any, process_imports: Any
) -> None:
    headers = cadre(auth, tree.shangcheng)
    content = csv_file(good_rows(25))
    union = tree.shangcheng_union
    first = await imported(client, headers, union, "a.csv", content, process_imports)
    stats_before = (await client.get(f"/v1/orgs/{tree.shangcheng}/stats", headers=headers)).json()
    second = await imported(client, headers, union, "a.csv", content, process_imports)
    stats_after = (await client.get(f"/v1/orgs/{tree.shangcheng}/stats", headers=headers)).json()
    assert (first["created_rows"], second["created_rows"], second["unchanged_rows"]) == (25, 0, 25)
    assert first["file_sha256"] == second["file_sha256"]
    assert stats_before == stats_after
    assert stats_after["members"] == 25
    assert stats_after["new_form_members"] == 25


def imported_joins() -> float:
    return REGISTRY.get_sample_value("membership_joins_total", {"channel": "bulk_import"}) or 0.0


async def test_an_import_counts_the_memberships_it_begins_and_a_repeat_counts_none(
    client: httpx.AsyncClient, auth: Any, tree: Any, process_imports: Any
) -> None:
    headers = cadre(auth, tree.shangcheng)
    content = csv_file(good_rows(4, start=300))
    before = imported_joins()
    await imported(client, headers, tree.shangcheng_union, "members.csv", content, process_imports)
    assert imported_joins() - before == 4
    # The same people again: unchanged rows, no join counted twice.
    await imported(client, headers, tree.shangcheng_union, "members.csv", content, process_imports)
    assert imported_joins() - before == 4


async def test_xlsx_with_english_headings(
    client: httpx.AsyncClient, auth: Any, tree: Any, process_imports: Any
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "id_number", "phone", "employment_form"])
    for row in good_rows(4, start=300):
        sheet.append(row[:3] + ["truck_driver"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    headers = cadre(auth, tree.gongshu)
    job = await imported(
        client, headers, tree.gongshu_union, "drivers.xlsx", buffer.getvalue(), process_imports
    )
    assert job["created_rows"] == 4


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


async def test_nothing_is_enrolled_before_the_worker_and_others_cannot_see_the_queue(
    client: httpx.AsyncClient, auth: Any, tree: Any
) -> None:
    """The upload only queues: the rows wait for the worker, and the queued job is as
    hidden from another county's cadre as a finished one."""
    headers = cadre(auth, tree.shangcheng)
    response = await upload(client, headers, tree.shangcheng_union, "a.csv", csv_file(good_rows(3)))
    assert response.status_code == 202, response.text
    members = await client.get(
        "/v1/members", params={"org_id": tree.shangcheng_union}, headers=headers
    )
    assert members.json()["items"] == []
    outsider = cadre(auth, tree.gongshu)
    job_url = f"/v1/imports/{response.json()['id']}"
    assert (await client.get(job_url, headers=outsider)).status_code == 404


async def test_an_import_resumed_after_its_worker_died_ends_as_an_uninterrupted_one(
    client: httpx.AsyncClient,
    auth: Any,
    tree: Any,
    app: FastAPI,
    process_imports: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Chunks of 4 rows; the first worker dies writing its third chunk. The next worker
    claims the job when the lease has run out and goes on from the last committed chunk: the
    counts, the refused rows and the members are those of the same file imported whole."""
    monkeypatch.setattr(processing, "BATCH_ROWS", 4)

    def mixed(start: int) -> bytes:
        rows = good_rows(10, start=start)
        rows[5][1] = rows[1][1]  # row 7, in the second chunk, is row 3 again: unchanged
        rows[9][0] = ""  # row 11: no name
        return csv_file(rows)

    content = mixed(700)
    headers = cadre(auth, tree.shangcheng)
    sessions = app.state.sessionmaker

    class Dying(processing.ImportProcessor):
        chunks = 0

        async def _chunk(self, *args: Any) -> None:
            Dying.chunks += 1
            if Dying.chunks == 3:
                raise RuntimeError("SIGKILL")
            await super()._chunk(*args)

    queued = (await upload(client, headers, tree.shangcheng_union, "a.csv", content)).json()
    job_id = await processing.IMPORTS.claim(sessions, "worker:dead", 60)
    with pytest.raises(RuntimeError):
        await Dying(sessions, app.state.pii, "worker:dead").execute(job_id)
    halfway = (await client.get(f"/v1/imports/{queued['id']}", headers=headers)).json()
    assert (halfway["status"], halfway["processed_rows"]) == ("running", 8)
    assert await process_imports() == 0  # the dead worker's lease still lasts
    async with sessions() as session, session.begin():
        await session.execute(
            text(
                "UPDATE membership.import_job SET lease_expires_at = now() - interval '1 second'"
                " WHERE id = :id"
            ),
            {"id": job_id},
        )
    assert await process_imports() == 1
    resumed = (await client.get(f"/v1/imports/{queued['id']}", headers=headers)).json()
    report = await client.get(f"/v1/imports/{queued['id']}/errors.csv", headers=headers)

    other = cadre(auth, tree.gongshu)
    whole = await imported(client, other, tree.gongshu_union, "b.csv", mixed(800), process_imports)
    counts = ("total_rows", "processed_rows", "created_rows", "unchanged_rows", "error_rows")
    assert [resumed[c] for c in counts] == [whole[c] for c in counts] == [10, 10, 8, 1, 1]
    lines = list(csv.reader(io.StringIO(report.text.lstrip("\ufeff"))))
    assert [line[0] for line in lines[1:]] == ["11"]
    members = await client.get(
        "/v1/members", params={"org_id": tree.shangcheng_union, "limit": 50}, headers=headers
    )
    assert len(members.json()["items"]) == 8


async def test_a_worker_that_lost_its_lease_writes_no_further_chunk(
    client: httpx.AsyncClient, auth: Any, tree: Any, app: FastAPI
) -> None:
    """A worker that stalled past its lease while another took the job over must not write:
    its chunk would be enrolled twice."""
    headers = cadre(auth, tree.shangcheng)
    queued = (
        await upload(client, headers, tree.shangcheng_union, "a.csv", csv_file(good_rows(3)))
    ).json()
    sessions = app.state.sessionmaker
    job_id = await processing.IMPORTS.claim(sessions, "worker:stalled", 60)
    async with sessions() as session, session.begin():
        await session.execute(
            text("UPDATE membership.import_job SET lease_owner = 'worker:new' WHERE id = :id"),
            {"id": job_id},
        )
    with pytest.raises(processing.LeaseLostError):
        await processing.ImportProcessor(sessions, app.state.pii, "worker:stalled").execute(job_id)
    job = (await client.get(f"/v1/imports/{queued['id']}", headers=headers)).json()
    assert (job["processed_rows"], job["created_rows"]) == (0, 0)
