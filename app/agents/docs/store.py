"""Where model answers and token usage are kept: the protocols the agent needs, and the local
implementations the CLI uses (files under the data directory). The server passes its own
(PostgreSQL) budget through the same protocol."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol


class CompletionCache(Protocol):
    async def get(self, key: str) -> str | None: ...

    async def put(self, key: str, model: str, content: str) -> None: ...


class TokenBudget(Protocol):
    """A daily token budget per installation (``0`` is the local CLI)."""

    async def remaining(self, installation_id: int) -> int | None:
        """Tokens left today, ``None`` for no limit."""
        ...

    async def charge(self, installation_id: int, model: str, tokens: int) -> None: ...


def cache_key(model: str, payload: dict[str, Any]) -> str:
    """The hash of everything that decides an answer: the model and the request."""
    canonical = json.dumps({"model": model, **payload}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class FileCompletionCache:
    """One JSON file per answer under ``directory`` (``$VIBE_DATA_DIR/docs/cache``)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    async def get(self, key: str) -> str | None:
        return await asyncio.to_thread(self._read, key)

    def _read(self, key: str) -> str | None:
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        content = entry.get("content") if isinstance(entry, dict) else None
        return content if isinstance(content, str) else None

    async def put(self, key: str, model: str, content: str) -> None:
        entry = json.dumps({"model": model, "content": content}, ensure_ascii=False)
        await asyncio.to_thread(_write_atomically, self._path(key), entry)


class MemoryTokenBudget:
    """Usage counted in memory, e.g. for one CLI run or a test."""

    def __init__(self, daily_limit: int | None = None) -> None:
        self.daily_limit = daily_limit
        self.used: dict[tuple[int, dt.date], int] = {}

    async def remaining(self, installation_id: int) -> int | None:
        if self.daily_limit is None:
            return None
        used = self.used.get((installation_id, _today()), 0)
        return max(0, self.daily_limit - used)

    async def charge(self, installation_id: int, model: str, tokens: int) -> None:
        key = (installation_id, _today())
        self.used[key] = self.used.get(key, 0) + tokens


class FileTokenBudget:
    """Usage per installation and UTC day in a JSON file; no limit unless one is given."""

    def __init__(self, path: Path, daily_limit: int | None = None) -> None:
        self.path = path
        self.daily_limit = daily_limit

    def _load(self) -> dict[str, dict[str, int]]:
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    async def used_today(self, installation_id: int) -> int:
        usage = await asyncio.to_thread(self._load)
        day = usage.get(str(installation_id), {})
        return int(day.get(_today().isoformat(), 0)) if isinstance(day, dict) else 0

    async def remaining(self, installation_id: int) -> int | None:
        if self.daily_limit is None:
            return None
        return max(0, self.daily_limit - await self.used_today(installation_id))

    async def charge(self, installation_id: int, model: str, tokens: int) -> None:
        await asyncio.to_thread(self._charge, installation_id, tokens)

    def _charge(self, installation_id: int, tokens: int) -> None:
        usage = self._load()
        today = _today().isoformat()
        # Only today's count matters; older days are dropped so the file stays small.
        days = {today: int(usage.get(str(installation_id), {}).get(today, 0)) + tokens}
        usage[str(installation_id)] = days
        _write_atomically(self.path, json.dumps(usage, sort_keys=True))


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
