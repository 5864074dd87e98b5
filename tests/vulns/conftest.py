from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.agents.vulns.sources import iter_records
from app.agents.vulns.store import OsvDatabase

OSV_FIXTURES = Path(__file__).parents[1] / "fixtures" / "osv"


@pytest.fixture(scope="module")
def osv_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OsvDatabase]:
    """The fixture advisories, then their updates: what a user has after two imports."""
    path = tmp_path_factory.mktemp("osv") / "osv.sqlite"
    with OsvDatabase.open(path) as database:
        database.import_records(iter_records([OSV_FIXTURES / "advisories"]))
        database.import_records(iter_records([OSV_FIXTURES / "updates"]))
    with OsvDatabase.open_readonly(path) as database:
        yield database
