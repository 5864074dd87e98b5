"""``vibe register``: create the GitHub App from ``app.yml`` with GitHub's manifest flow.

A tiny server on 127.0.0.1 serves a page that posts the manifest to GitHub; GitHub sends the
browser back with a one-time code, which is exchanged for the App's id, private key and secrets.
They are written to ``VIBE_DATA_DIR/github-app.json`` (mode 0600), where the server finds them
when the ``VIBE_GITHUB_*`` variables are not set.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlencode

from app.errors import UsageError, VibeError

if TYPE_CHECKING:
    import aiohttp
    from aiohttp import web

    from app.github.endpoints import GitHubEndpoints

CALLBACK_PATH = "/register/callback"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "register",
        help="create the GitHub App (manifest flow) and store its credentials",
        description="Open a local page that creates the GitHub App described by app.yml on "
        "GitHub (or GitHub Enterprise Server, per VIBE_GITHUB_URL), then store its id, private "
        "key and secrets in VIBE_DATA_DIR/github-app.json with mode 0600.",
    )
    parser.add_argument("--org", help="create the App owned by this organization")
    parser.add_argument(
        "--url",
        dest="public_url",
        metavar="PUBLIC_URL",
        help="where GitHub reaches this server (webhooks go to PUBLIC_URL/webhooks/github)",
    )
    parser.add_argument("--name", help="the App's name (default: the name in app.yml)")
    parser.add_argument("--manifest", type=Path, help="the manifest (default: app.yml)")
    parser.add_argument(
        "--no-browser", action="store_true", help="print the local URL, do not open a browser"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace credentials stored by an earlier run"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        metavar="SECONDS",
        help="how long to wait for GitHub to send the browser back (default 900)",
    )
    parser.set_defaults(func=run)


@dataclass(frozen=True)
class Registered:
    """What the flow produced: the App as GitHub described it (secrets removed) and the file."""

    app_id: int
    name: str
    slug: str | None
    html_url: str | None
    credentials_file: Path


class ManifestFlow:
    """The local half of the manifest flow: the form page and the redirect that ends it."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        endpoints: GitHubEndpoints,
        manifest_template: dict[str, Any],
        data_dir: Path,
        *,
        public_url: str | None = None,
        org: str | None = None,
        name: str | None = None,
    ) -> None:
        self._session = session
        self._endpoints = endpoints
        self._template = manifest_template
        self._data_dir = data_dir
        self._public_url = public_url
        self._org = org
        self._name = name
        # GitHub echoes ``state`` on the redirect; a mismatch is a forged or stale redirect.
        self._state = secrets.token_urlsafe(24)
        self._result: asyncio.Future[Registered] = asyncio.get_running_loop().create_future()
        self._runner: web.AppRunner | None = None
        self.local_url = ""

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        from aiohttp import web

        app = web.Application()
        app.router.add_get("/", self._page)
        app.router.add_get(CALLBACK_PATH, self._callback)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0]
        self.local_url = f"http://{host}:{bound[1]}/"
        return self.local_url

    async def wait(self, seconds: float) -> Registered:
        try:
            async with asyncio.timeout(seconds):
                return await asyncio.shield(self._result)
        except TimeoutError:
            raise VibeError(
                f"GitHub did not send the browser back within {seconds:.0f}s; run `vibe "
                f"register` again and confirm the App on GitHub"
            ) from None

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _page(self, request: web.Request) -> web.Response:
        from aiohttp import web

        from app.github.manifest import form_page, render_manifest

        manifest = render_manifest(
            self._template,
            redirect_url=self.local_url.rstrip("/") + CALLBACK_PATH,
            public_url=self._public_url,
            name=self._name,
        )
        action = self._endpoints.new_app_url(self._org) + "?" + urlencode({"state": self._state})
        return web.Response(text=form_page(action, manifest), content_type="text/html")

    async def _callback(self, request: web.Request) -> web.Response:
        from aiohttp import web

        code = request.query.get("code", "")
        state = request.query.get("state", "")
        if not code or not secrets.compare_digest(state.encode(), self._state.encode()):
            return web.Response(
                status=400,
                text="This link is not from the registration started by `vibe register`.",
            )
        if self._result.done():
            return web.Response(text="The App is already registered; you can close this tab.")
        try:
            registered = await self._convert(code)
        except VibeError as exc:
            self._result.set_exception(exc)
            return web.Response(status=502, text=f"Registration failed: {exc}")
        self._result.set_result(registered)
        return web.Response(
            text=f"The App {registered.name} is registered. Install it: "
            f"{registered.html_url}/installations/new. You can close this tab."
        )

    async def _convert(self, code: str) -> Registered:
        from app.github.credentials import store_conversion
        from app.github.manifest import exchange_code

        conversion = await exchange_code(self._session, self._endpoints, code)
        path = store_conversion(self._data_dir, conversion, self._endpoints.api_url)
        return Registered(
            app_id=int(conversion["id"]),
            name=str(conversion.get("name") or conversion.get("slug") or conversion["id"]),
            slug=conversion.get("slug"),
            html_url=conversion.get("html_url"),
            credentials_file=path,
        )


async def register_app(
    settings: Any,
    *,
    org: str | None = None,
    public_url: str | None = None,
    name: str | None = None,
    manifest_path: Path | None = None,
    open_browser: bool = True,
    force: bool = False,
    wait_seconds: float = 900.0,
    out: TextIO = sys.stdout,
    ready: asyncio.Future[str] | None = None,
) -> Registered:
    """Run the flow end to end; ``ready`` receives the local URL (tests drive the browser)."""
    import aiohttp

    from app.github.credentials import credentials_path
    from app.github.endpoints import GitHubEndpoints
    from app.github.manifest import load_manifest_template

    target = credentials_path(settings.data_dir)
    if target.exists() and not force:
        raise UsageError(
            f"{target} already holds an App's credentials; pass --force to replace them "
            "(the old App stays on GitHub until you delete it there)"
        )
    try:
        endpoints = GitHubEndpoints.from_settings(settings)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    template = load_manifest_template(manifest_path)
    async with aiohttp.ClientSession() as session:
        flow = ManifestFlow(
            session,
            endpoints,
            template,
            settings.data_dir,
            public_url=public_url,
            org=org,
            name=name,
        )
        url = await flow.start()
        try:
            print(f"Open {url} to create the App on {endpoints.web_url}.", file=out, flush=True)
            if ready is not None:
                ready.set_result(url)
            if open_browser:
                import webbrowser

                webbrowser.open(url)
            registered = await flow.wait(wait_seconds)
        finally:
            await flow.close()
    _print_next_steps(registered, public_url, out)
    return registered


def _print_next_steps(registered: Registered, public_url: str | None, out: TextIO) -> None:
    print(f"Registered the GitHub App {registered.name} (App ID {registered.app_id}).", file=out)
    print(
        f"Its private key and secrets are in {registered.credentials_file} (mode 0600).",
        file=out,
    )
    if registered.html_url:
        print(f"Install it on your repositories: {registered.html_url}/installations/new", file=out)
    if not public_url:
        print(
            "The webhook is inactive: set its URL (https://YOUR-HOST/webhooks/github) in the "
            "App's settings, or run `vibe register --force --url PUBLIC_URL` again.",
            file=out,
        )
    print("Then start the server: vibe serve", file=out)


def run(args: argparse.Namespace) -> int:
    from app.cli.extras import require_server
    from app.cli.server_options import load_settings_or_usage

    require_server(("cryptography",))  # the private key GitHub sends is checked before it is kept

    settings = load_settings_or_usage()
    asyncio.run(
        register_app(
            settings,
            org=args.org,
            public_url=args.public_url,
            name=args.name,
            manifest_path=args.manifest,
            open_browser=not args.no_browser,
            force=args.force,
            wait_seconds=args.timeout,
        )
    )
    return 0
