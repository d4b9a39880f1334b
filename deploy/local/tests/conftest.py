from collections.abc import Iterator

import pytest

from servicekit.pgcluster import PostgresCluster


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresCluster]:
    """A throwaway cluster shared by the tests of one module."""
    with PostgresCluster(tmp_path_factory.mktemp("pg") / "data", durable=False) as started:
        yield started
