from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.agents.vulns.store import OsvDatabase
from tests.osv_store import OSV_FIXTURES, import_fixture_advisories

__all__ = ["OSV_FIXTURES"]


@pytest.fixture(scope="module")
def osv_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OsvDatabase]:
    """The fixture advisories, then their updates: what a user has after two imports."""
    path = tmp_path_factory.mktemp("osv") / "osv.sqlite"
    with OsvDatabase.open(path) as database:
        import_fixture_advisories(database)
    with OsvDatabase.open_readonly(path) as database:
        yield database
