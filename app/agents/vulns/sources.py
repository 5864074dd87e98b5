"""Where OSV records come from: a directory of ``.json`` files (searched recursively), a single
``.json`` file, or the per-ecosystem ``all.zip`` archives OSV publishes.

Listing is cheap and done up front; reading (and inflating) a record is left to whoever decodes
it, so that a process pool can do that work too."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import UsageError

Archives = MutableMapping[str, zipfile.ZipFile]


class UnreadableRecord(Exception):
    """A file or archive member that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class RecordFile:
    path: str  # the .json file, or the .zip archive that holds it
    member: str | None = None

    @property
    def origin(self) -> str:
        """How error messages name it: ``PyPI.zip:PYSEC-2021-1.json`` or the file's path."""
        return self.path if self.member is None else f"{self.path}:{self.member}"

    def read(self, archives: Archives) -> bytes:
        """The record's bytes; ``archives`` keeps opened archives for the next member."""
        try:
            if self.member is None:
                return Path(self.path).read_bytes()
            archive = archives.get(self.path)
            if archive is None:
                archive = archives[self.path] = zipfile.ZipFile(self.path)
            return archive.read(self.member)
        except OSError as exc:
            raise UnreadableRecord(exc.strerror or str(exc)) from None
        except (zipfile.BadZipFile, EOFError, KeyError) as exc:
            raise UnreadableRecord(f"cannot be extracted ({exc})") from None


@dataclass(frozen=True, slots=True)
class UnreadableSource:
    origin: str
    reason: str


def iter_records(sources: Sequence[Path]) -> Iterator[RecordFile | UnreadableSource]:
    for source in sources:
        if not source.exists():
            raise UsageError(
                f"{source}: no such file or directory; give a directory of OSV .json records "
                "or an OSV .zip archive"
            )
    for source in sources:
        if source.is_dir():
            yield from _directory(source)
        elif source.suffix.lower() == ".zip":
            yield from _archive(source)
        else:
            yield RecordFile(str(source))


def _directory(root: Path) -> Iterator[RecordFile | UnreadableSource]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() == ".json":
            yield RecordFile(str(path))
        elif path.is_file() and path.suffix.lower() == ".zip":
            yield from _archive(path)


def _archive(path: Path) -> Iterator[RecordFile | UnreadableSource]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info.filename
                for info in archive.infolist()
                if not info.is_dir() and info.filename.lower().endswith(".json")
            ]
    except (OSError, zipfile.BadZipFile) as exc:
        yield UnreadableSource(str(path), f"not a readable zip archive ({exc})")
        return
    for member in members:
        yield RecordFile(str(path), member)
