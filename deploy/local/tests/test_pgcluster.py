import socket
from pathlib import Path

import asyncpg
import pytest

from servicekit.pgcluster import ClusterError, PostgresCluster


async def _fetch(url: str, query: str) -> object:
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(query)
    finally:
        await conn.close()


async def test_restart_keeps_data_and_port(tmp_path: Path) -> None:
    cluster = PostgresCluster(tmp_path / "data", durable=False)
    with cluster:
        port = cluster.port
        await _fetch(cluster.superuser_url, "CREATE TABLE kept AS SELECT 42 AS answer")
    cluster.stop()  # stopping twice is harmless
    assert not (tmp_path / "data" / "postmaster.pid").exists()

    with PostgresCluster(tmp_path / "data") as again:
        assert again.port == port
        assert await _fetch(again.superuser_url, "SELECT answer FROM kept") == 42


async def test_restart_moves_to_a_free_port_when_the_recorded_one_is_taken(
    tmp_path: Path,
) -> None:
    with PostgresCluster(tmp_path / "data", durable=False) as cluster:
        port = cluster.port
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        with PostgresCluster(tmp_path / "data", durable=False) as again:
            assert again.port != port
            assert await _fetch(again.superuser_url, "SELECT 1") == 1


async def test_server_encoding_and_locale(cluster: PostgresCluster) -> None:
    assert await _fetch(cluster.superuser_url, "SHOW server_encoding") == "UTF8"
    collation = "SELECT datcollate FROM pg_database WHERE datname = current_database()"
    assert await _fetch(cluster.superuser_url, collation) == "C"


async def test_superuser_needs_its_password(cluster: PostgresCluster) -> None:
    wrong = cluster.superuser_url.replace("postgres:", "postgres:wrong", 1)
    with pytest.raises(asyncpg.InvalidPasswordError):
        await _fetch(wrong, "SELECT 1")


async def test_listens_on_the_host_only_over_tcp_and_a_private_socket(
    cluster: PostgresCluster,
) -> None:
    assert await _fetch(cluster.superuser_url, "SHOW listen_addresses") == "127.0.0.1"
    sockets = await _fetch(cluster.superuser_url, "SHOW unix_socket_directories")
    assert sockets == str(cluster.data_dir)


async def test_start_takes_over_a_server_left_running(tmp_path: Path) -> None:
    PostgresCluster(tmp_path / "data", durable=False).start()  # never stopped: a crashed run
    with PostgresCluster(tmp_path / "data", durable=False) as cluster:
        assert await _fetch(cluster.superuser_url, "SELECT 1") == 1


def test_a_cluster_never_started_has_no_url_and_nothing_to_stop(tmp_path: Path) -> None:
    cluster = PostgresCluster(tmp_path / "data")
    with pytest.raises(ClusterError, match="not started"):
        _ = cluster.superuser_url
    cluster.stop()


def test_a_directory_holding_something_else_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "notes.txt").write_text("not a cluster")
    with pytest.raises(ClusterError, match="initdb failed"):
        PostgresCluster(tmp_path / "data").start()


def test_a_failed_start_reports_the_server_log(tmp_path: Path) -> None:
    with PostgresCluster(tmp_path / "data", durable=False):
        pass
    with (tmp_path / "data" / "postgresql.conf").open("a") as conf:
        conf.write("shared_buffers = 'lots'\n")
    with pytest.raises(ClusterError, match="shared_buffers"):
        PostgresCluster(tmp_path / "data").start()


async def test_embedded_binaries_when_no_server_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty-bin").mkdir()
    monkeypatch.setenv("PG_BIN_DIR", str(tmp_path / "empty-bin"))
    monkeypatch.setenv("GONGHUI_PG_BINARIES", "embedded")
    with PostgresCluster(tmp_path / "data", durable=False) as cluster:
        version = await _fetch(cluster.superuser_url, "SHOW server_version_num")
    assert int(str(version)) >= 180000
