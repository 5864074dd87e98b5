"""The interface every artifact backend implements: keys, errors, object info, the protocol.

Keys are ``/``-separated relative paths (``sarif/101/pr_check:abc.sarif.json``); a key is
validated before any backend sees it, so ``..`` or an absolute path can never escape the store.
Large objects move in chunks (:meth:`ArtifactStore.put_file`, :meth:`ArtifactStore.stream`):
nothing loads a whole archive into memory.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from app.errors import VibeError

CHUNK_SIZE = 1 << 20  # 1 MiB per read: bounded memory for any object size
_KEY_PART = re.compile(r"^[A-Za-z0-9._:@=+-]+$")


class ArtifactError(VibeError):
    """The store refused or failed an operation; the message names the key and the store."""


@dataclass(frozen=True)
class ArtifactInfo:
    key: str
    size: int
    modified: datetime


def validate_key(key: str) -> str:
    """``key`` if it is a safe relative key, else :class:`ArtifactError`."""
    parts = key.split("/")
    if not key or any(p in ("", ".", "..") or not _KEY_PART.match(p) for p in parts):
        raise ArtifactError(
            f"artifact key {key!r} is invalid: use '/'-separated names of letters, digits "
            "and ._:@=+-"
        )
    return key


class ArtifactStore(Protocol):
    """Where artifacts live. Every method is safe to call from the event loop."""

    description: str  # for logs and errors: never credentials

    async def put_bytes(
        self, key: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> ArtifactInfo: ...

    async def put_file(
        self, key: str, path: Path, content_type: str = "application/octet-stream"
    ) -> ArtifactInfo:
        """Copy a local file in, in chunks (archives can be large)."""
        ...

    async def get_bytes(self, key: str) -> bytes:
        """The whole object: for small ones (a SARIF file) only."""
        ...

    def stream(self, key: str) -> AsyncIterator[bytes]:
        """The object in chunks of at most :data:`CHUNK_SIZE`; ArtifactError if missing."""
        ...

    async def stat(self, key: str) -> ArtifactInfo | None: ...

    async def delete(self, key: str) -> bool:
        """True when something was deleted."""
        ...

    async def list(self, prefix: str = "") -> list[ArtifactInfo]:
        """Every object whose key starts with ``prefix``, in key order."""
        ...
