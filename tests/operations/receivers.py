"""Local HTTP receivers of outgoing notifications, speaking the real protocols.

- :class:`Receiver`: a webhook endpoint answering a scripted list of statuses (then 200), that
  can be made to hang until released; Slack's incoming webhook answers ``ok`` as text.
- :class:`FakeJenkins`: ``/crumbIssuer/api/json`` (a crumb bound to the JSESSIONID cookie it
  sets, or 404 when CSRF protection is off) and ``/job/{name}/buildWithParameters`` (``token``
  checked, 403 "No valid crumb was included in the request" without the crumb, 201 with a queue
  item ``Location``), as Jenkins answers.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.local_server import serve_locally


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    query: dict[str, str]
    form: dict[str, str]
    status: int
    answered: bool = False  # False while the receiver still holds the request


class _Server:
    def __init__(self) -> None:
        self.url = ""
        self._runner: web.AppRunner | None = None

    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    async def start(self) -> Any:
        app = web.Application()
        self.routes(app)
        self._runner, self.url = await serve_locally(app, shutdown_timeout=0.1)
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@dataclass
class Receiver(_Server):
    """Answers ``script`` in turn (then ``then``); ``hang`` holds every answer until set."""

    script: list[int] = field(default_factory=list)
    then: int = 200
    body: str = "ok"
    hang: asyncio.Event | None = None
    received: list[Received] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        _Server.__init__(self)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/{tail:.*}", self._handle)

    async def _handle(self, request: web.Request) -> web.Response:
        status = self.script.pop(0) if self.script else self.then
        body = await request.read()
        received = Received(
            request.path, dict(request.headers), body, dict(request.query), {}, status
        )
        self.received.append(received)
        self.arrived.set()
        if self.hang is not None:
            await self.hang.wait()
        received.answered = True
        return web.Response(status=status, text=self.body if status < 300 else "server error")

    def delivered(self) -> list[Received]:
        """The requests answered with a 2xx."""
        return [r for r in self.received if r.answered and 200 <= r.status < 300]


@dataclass
class FakeJenkins(_Server):
    token: str = "build-token"
    user: str | None = None
    api_token: str | None = None
    csrf: bool = True
    crumbs: dict[str, str] = field(default_factory=dict)  # session id -> crumb
    builds: list[Received] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        _Server.__init__(self)

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/crumbIssuer/api/json", self._crumb)
        app.router.add_post("/job/{name}/buildWithParameters", self._build)

    def _authorized(self, request: web.Request) -> bool:
        if self.user is None:
            return True
        import base64

        expected = base64.b64encode(f"{self.user}:{self.api_token}".encode()).decode()
        return request.headers.get("Authorization") == f"Basic {expected}"

    async def _crumb(self, request: web.Request) -> web.Response:
        if not self.csrf:
            return web.Response(status=404, text="Not Found")
        if not self._authorized(request):
            return web.Response(status=401, text="Unauthorized")
        session_id = secrets.token_hex(8)
        crumb = secrets.token_hex(16)
        self.crumbs[session_id] = crumb
        response = web.json_response(
            {
                "_class": "hudson.security.csrf.DefaultCrumbIssuer",
                "crumb": crumb,
                "crumbRequestField": "Jenkins-Crumb",
            }
        )
        response.set_cookie("JSESSIONID.fake", session_id, path="/")
        return response

    async def _build(self, request: web.Request) -> web.Response:
        form = {key: str(value) for key, value in (await request.post()).items()}
        if request.query.get("token") != self.token or not self._authorized(request):
            self.refused.append(403)
            return web.Response(status=403, text="Invalid token")
        if self.csrf:
            session_id = request.cookies.get("JSESSIONID.fake", "")
            if self.crumbs.get(session_id) != request.headers.get("Jenkins-Crumb"):
                self.refused.append(403)
                return web.Response(status=403, text="No valid crumb was included in the request")
        self.builds.append(
            Received(request.path, dict(request.headers), b"", dict(request.query), form, 201)
        )
        return web.Response(status=201, headers={"Location": f"{self.url}/queue/item/7/"})
