"""The local OSV database the vulnerability tests match against: the fixture advisories of
tests/fixtures/osv/, then their updates — what a user has after two imports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from app.agents.vulns.sources import iter_records
from app.agents.vulns.store import OsvDatabase, database_path
from tests.services import private_directory

OSV_FIXTURES = Path(__file__).parent / "fixtures" / "osv"


def import_fixture_advisories(database: OsvDatabase, imported_at: datetime | None = None) -> None:
    database.import_records(iter_records([OSV_FIXTURES / "advisories"]), now=imported_at)
    database.import_records(iter_records([OSV_FIXTURES / "updates"]), now=imported_at)


def build_store(data_dir: Path, imported_at: datetime | None = None) -> None:
    """The database where ``vibe`` with ``VIBE_DATA_DIR=data_dir`` looks for it."""
    with OsvDatabase.open(database_path(data_dir)) as database:
        import_fixture_advisories(database, imported_at)


@contextmanager
def osv_data_dir(prefix: str) -> Iterator[Path]:
    """A worker's data directory holding the database (for a module-scoped fixture)."""
    with private_directory(prefix) as directory:
        build_store(directory)
        yield directory
