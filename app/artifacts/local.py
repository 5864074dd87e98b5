"""Artifacts as files under ``VIBE_DATA_DIR/artifacts`` (the default backend).

Writes go to a temporary file in the same directory and are renamed into place, so a reader
never sees half an object; file I/O runs on a thread, a chunk at a time.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from app.artifacts.base import CHUNK_SIZE, ArtifactError, ArtifactInfo, validate_key


class LocalArtifactStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.description = f"local directory {root}"

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*validate_key(key).split("/"))

    def _info(self, key: str, path: Path) -> ArtifactInfo:
        status = path.stat()
        return ArtifactInfo(key, status.st_size, datetime.fromtimestamp(status.st_mtime, UTC))

    def _write(self, key: str, fill: BinaryIO | bytes) -> ArtifactInfo:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                if isinstance(fill, bytes):
                    out.write(fill)
                else:
                    shutil.copyfileobj(fill, out, CHUNK_SIZE)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return self._info(key, path)

    async def put_bytes(
        self, key: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> ArtifactInfo:
        return await asyncio.to_thread(self._write, key, data)

    async def put_file(
        self, key: str, path: Path, content_type: str = "application/octet-stream"
    ) -> ArtifactInfo:
        def copy() -> ArtifactInfo:
            with path.open("rb") as source:
                return self._write(key, source)

        return await asyncio.to_thread(copy)

    async def get_bytes(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise ArtifactError(f"artifact {key} is not in the {self.description}") from None

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            source = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise ArtifactError(f"artifact {key} is not in the {self.description}") from None
        try:
            while chunk := await asyncio.to_thread(source.read, CHUNK_SIZE):
                yield chunk
        finally:
            source.close()

    async def stat(self, key: str) -> ArtifactInfo | None:
        path = self._path(key)
        try:
            return await asyncio.to_thread(self._info, key, path)
        except FileNotFoundError:
            return None

    async def delete(self, key: str) -> bool:
        path = self._path(key)
        try:
            await asyncio.to_thread(path.unlink)
        except FileNotFoundError:
            return False
        return True

    async def list(self, prefix: str = "") -> list[ArtifactInfo]:
        def walk() -> list[ArtifactInfo]:
            if not self.root.is_dir():
                return []
            found = []
            for path in self.root.rglob("*"):
                if not path.is_file() or path.name.startswith(".part-"):
                    continue
                key = path.relative_to(self.root).as_posix()
                if key.startswith(prefix):
                    found.append(self._info(key, path))
            return sorted(found, key=lambda info: info.key)

        return await asyncio.to_thread(walk)
