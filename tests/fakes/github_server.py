"""The HTTP side of the fake GitHub: recording, faults, auth, ``/app/*``, the manifest flow, git.

Repository endpoints live in ``github_repos``. Errors use GitHub's JSON (``message`` and
``documentation_url``), every API answer carries ``x-github-request-id`` and ``x-ratelimit-*``.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import jwt
from aiohttp import web

from tests.fakes import github_shapes as shapes
from tests.fakes.git_http import run_http_backend
from tests.fakes.github import API_PREFIX, FakeGitHub, RecordedRequest

if TYPE_CHECKING:
    from aiohttp.typedefs import Handler

FAKE: web.AppKey[FakeGitHub] = web.AppKey("fake_github", FakeGitHub)
JWT_UNDECODABLE = "A JSON web token could not be decoded"
SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID {request_id}."
)
RATE_LIMIT_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"


class Reject(Exception):
    """Answer with GitHub's error JSON."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = shapes.error(message, **extra)


def fake_of(request: web.Request) -> FakeGitHub:
    return request.app[FAKE]


def _request_id() -> str:
    return ":".join(secrets.token_hex(size).upper() for size in (2, 2, 3, 3, 4))


async def _record(request: web.Request, kind: str) -> RecordedRequest:
    body: Any = None
    if kind != "git" and request.can_read_body:
        raw = await request.read()
        if "json" in request.content_type:
            try:
                body = json.loads(raw)
            except ValueError as exc:
                raise Reject(400, "Problems parsing JSON") from exc
        elif request.content_type == "application/x-www-form-urlencoded":
            body = dict(await request.post())
    path = request.path.removeprefix(API_PREFIX) if kind == "api" else request.path
    recorded = RecordedRequest(
        request.method, path, dict(request.query), dict(request.headers), body, kind
    )
    fake_of(request).requests.append(recorded)
    return recorded


def _rate_headers(fake: FakeGitHub, request_id: str) -> dict[str, str]:
    return {
        "x-github-request-id": request_id,
        "x-ratelimit-limit": str(fake.rate_limit),
        "x-ratelimit-remaining": str(max(fake.rate_limit - fake.rate_limit_used, 0)),
        "x-ratelimit-reset": str(fake.rate_limit_reset),
        "x-ratelimit-used": str(fake.rate_limit_used),
        "x-ratelimit-resource": "core",
        "x-github-api-version-selected": "2022-11-28",
    }


def _fault_response(
    fake: FakeGitHub, method: str, path: str, request_id: str
) -> web.Response | None:
    fault = fake.take_fault(method, path)
    if fault is None:
        return None
    headers = _rate_headers(fake, request_id)
    if fault.rate_limit == "secondary":
        if fault.retry_after is not None:
            headers["retry-after"] = str(int(fault.retry_after))
        body = shapes.error(
            SECONDARY_MESSAGE.format(request_id=request_id),
            RATE_LIMIT_DOCS + "#about-secondary-rate-limits",
        )
    elif fault.rate_limit == "primary":
        headers["x-ratelimit-remaining"] = "0"
        headers["x-ratelimit-used"] = str(fake.rate_limit)
        headers["x-ratelimit-reset"] = str(int(time.time() + (fault.retry_after or 0)))
        body = shapes.error(
            "API rate limit exceeded for installation.",
            RATE_LIMIT_DOCS + "#about-primary-rate-limits",
        )
    else:
        body = {"message": "Server Error"}
    return web.json_response(body, status=fault.status, headers=headers)


@web.middleware
async def api_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    fake = fake_of(request)
    if not request.path.startswith(API_PREFIX + "/"):
        kind = "git" if _is_git(request.path) else "web"
        try:
            recorded = await _record(request, kind)
            if fake.stalls_on(request.method, recorded.path):
                await fake.stalls_released.wait()  # answered only when the fake stops
                return web.Response(status=503, text="the fake GitHub is stopping")
            return await handler(request)
        except Reject as reject:
            return web.json_response(reject.body, status=reject.status)
    request_id = _request_id()
    try:
        recorded = await _record(request, "api")
        fault = _fault_response(fake, request.method, recorded.path, request_id)
        if fault is not None:
            return fault
        fake.rate_limit_used += 1
        response = await handler(request)
    except Reject as reject:
        response = web.json_response(reject.body, status=reject.status)
    except web.HTTPNotFound:
        response = web.json_response(shapes.error("Not Found"), status=404)
    except web.HTTPMethodNotAllowed:
        response = web.json_response(shapes.error("Not Found"), status=404)
    response.headers.update(_rate_headers(fake, request_id))
    return response


def _is_git(path: str) -> bool:
    return path.endswith(("/info/refs", "/git-upload-pack", "/git-receive-pack"))


# -- authentication -----------------------------------------------------------------------


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() in ("bearer", "token") and value.strip() else None


def require_app_jwt(request: web.Request) -> None:
    """``/app/*`` needs a JWT signed by the App's key: RS256, iss = App ID, ≤ 10 minutes."""
    fake = fake_of(request)
    token = _bearer(request)
    if token is None or token.count(".") != 2:
        raise Reject(401, JWT_UNDECODABLE)
    try:
        claims = jwt.decode(
            token,
            fake.public_key,
            algorithms=["RS256"],
            options={"verify_exp": False, "verify_iat": False, "require": ["iat", "exp", "iss"]},
        )
    except jwt.PyJWTError:
        raise Reject(401, JWT_UNDECODABLE) from None
    now = time.time()
    if not isinstance(claims["iat"], int) or claims["iat"] > now + 1:
        raise Reject(
            401,
            "'Issued at' claim ('iat') must be an Integer representing the time that the "
            "assertion was issued.",
        )
    if not isinstance(claims["exp"], int) or claims["exp"] <= now:
        raise Reject(
            401,
            "'Expiration time' claim ('exp') must be a numeric value representing the future "
            "time at which the assertion expires.",
        )
    if claims["exp"] - claims["iat"] > 600:
        raise Reject(401, "'Expiration time' claim ('exp') is too far in the future.")
    if str(claims["iss"]) != str(fake.app_id):
        raise Reject(401, JWT_UNDECODABLE)


def require_installation(request: web.Request, owner: str, name: str) -> Any:
    """A repository endpoint: a live installation token of an installation that has the repo."""
    fake = fake_of(request)
    token = _bearer(request)
    if token is None:
        raise Reject(401, "Requires authentication")
    installation_id = fake.installation_of(token)
    if installation_id is None:
        raise Reject(401, "Bad credentials")
    repo = fake.repos.get(f"{owner}/{name}".lower())
    if repo is None or repo.installation_id != installation_id:
        raise Reject(404, "Not Found")
    return repo


# -- /app, installations, deliveries -------------------------------------------------------


async def get_app(request: web.Request) -> web.Response:
    require_app_jwt(request)
    return web.json_response(fake_of(request).app_json())


async def list_installations(request: web.Request) -> web.Response:
    require_app_jwt(request)
    fake = fake_of(request)
    return paginated(request, list(fake.installations.values()))


async def create_access_token(request: web.Request) -> web.Response:
    require_app_jwt(request)
    fake = fake_of(request)
    installation_id = int(request.match_info["installation_id"])
    installation = fake.installations.get(installation_id)
    if installation is None:
        raise Reject(404, "Not Found")
    token, expires_at = fake.issue_token(installation_id)
    body = {
        "token": token,
        "expires_at": shapes.timestamp(expires_at),
        "permissions": installation["permissions"],
        "repository_selection": installation["repository_selection"],
    }
    return web.json_response(body, status=201)


async def list_deliveries(request: web.Request) -> web.Response:
    require_app_jwt(request)
    fake = fake_of(request)
    per_page = _per_page(request)
    newest_first = sorted(fake.deliveries, key=lambda item: item["id"], reverse=True)
    cursor = request.query.get("cursor")
    if cursor:
        # GitHub's cursor is opaque; ours is the id of the first delivery of the page.
        first = int(cursor.removeprefix("v1_"))
        newest_first = [item for item in newest_first if item["id"] <= first]
    page, rest = newest_first[:per_page], newest_first[per_page:]
    headers = {}
    if rest:
        query = urlencode({"per_page": per_page, "cursor": f"v1_{rest[0]['id']}"})
        headers["Link"] = f'<{request.url.with_query(None)}?{query}>; rel="next"'
    return web.json_response(page, headers=headers)


async def redeliver(request: web.Request) -> web.Response:
    require_app_jwt(request)
    fake = fake_of(request)
    delivery_id = int(request.match_info["delivery_id"])
    original = next((item for item in fake.deliveries if item["id"] == delivery_id), None)
    if original is None:
        raise Reject(404, "Not Found")
    fake.redelivered.append(delivery_id)
    fake.add_delivery(
        original["event"],
        original["action"],
        guid=original["guid"],
        installation_id=original["installation_id"],
        repository_id=original["repository_id"],
        redelivery=True,
    )
    return web.json_response({}, status=202)


# -- the manifest flow --------------------------------------------------------------------


async def new_app_form(request: web.Request) -> web.Response:
    """GitHub's "register new App" page, with the user clicking "Create" at once."""
    fake = fake_of(request)
    form = await request.post()
    try:
        manifest = json.loads(str(form["manifest"]))
        redirect_url = manifest["redirect_url"]
        _ = manifest["url"], manifest["hook_attributes"]["url"]
    except (KeyError, ValueError, TypeError):
        return web.Response(status=422, text="Invalid GitHub App manifest")
    manifest["_org"] = request.match_info.get("org")
    fake.manifests_received.append(manifest)
    code = fake.add_manifest_code(manifest)
    query = {"code": code}
    if "state" in request.query:
        query["state"] = request.query["state"]
    raise web.HTTPFound(f"{redirect_url}?{urlencode(query)}")


async def convert_manifest(request: web.Request) -> web.Response:
    fake = fake_of(request)
    manifest = fake.manifest_codes.pop(request.match_info["code"], None)
    if manifest is None:
        raise Reject(404, "Not Found")
    owner_login = manifest.get("_org") or "octocat"
    conversion = {
        "id": fake.app_id,
        "slug": fake.slug,
        "node_id": f"A_{fake.app_id}",
        "owner": shapes.user(fake.url, fake.web_url, owner_login, 1),
        "name": manifest.get("name", "VibeIntelligence"),
        "description": manifest.get("description", ""),
        "external_url": manifest.get("url"),
        "html_url": f"{fake.web_url}/apps/{fake.slug}",
        "created_at": shapes.timestamp(),
        "updated_at": shapes.timestamp(),
        "permissions": manifest.get("default_permissions", {}),
        "events": manifest.get("default_events", []),
        "client_id": "Iv1." + secrets.token_hex(8),
        "client_secret": secrets.token_hex(20),
        "webhook_secret": secrets.token_hex(20),
        "pem": fake.private_key_pem,
    }
    fake.conversions.append(conversion)
    return web.json_response(conversion, status=201)


# -- git smart HTTP -----------------------------------------------------------------------


async def git_service(request: web.Request) -> web.Response:
    fake = fake_of(request)
    owner = request.match_info["owner"]
    name = request.match_info["repo"].removesuffix(".git")
    repo = fake.repos.get(f"{owner}/{name}".lower())
    challenge = {"WWW-Authenticate": 'Basic realm="GitHub"'}
    username, token = _basic_credentials(request)
    if token is None:
        return web.Response(status=401, text="Authentication required", headers=challenge)
    installation_id = fake.installation_of(token)
    if installation_id is None:
        return web.Response(status=401, text="Invalid username or token.", headers=challenge)
    if repo is None or repo.installation_id != installation_id or repo.git_dir is None:
        return web.Response(status=404, text="Repository not found.")
    path_info = f"/{owner.lower()}/{name.lower()}.git/{request.match_info['service']}"
    return await run_http_backend(request, fake.root / "git", path_info, username or "git")


def _basic_credentials(request: web.Request) -> tuple[str | None, str | None]:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None, None
    try:
        username, _, password = base64.b64decode(value).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None, None
    return username, password or None


# -- shared helpers -----------------------------------------------------------------------


def _per_page(request: web.Request, default: int = 30) -> int:
    try:
        return max(1, min(int(request.query.get("per_page", default)), 100))
    except ValueError:
        return default


def paginated(
    request: web.Request, items: list[Any], wrap: str | None = None, **extra: Any
) -> web.Response:
    """One page of ``items`` with GitHub's Link header (``page``/``per_page``)."""
    per_page = _per_page(request)
    try:
        page = max(1, int(request.query.get("page", 1)))
    except ValueError:
        page = 1
    last = max(1, -(-len(items) // per_page))
    chosen = items[(page - 1) * per_page : page * per_page]
    headers = {}
    link = shapes.page_links(request.url, page, last, per_page)
    if link:
        headers["Link"] = link
    body: Any = {"total_count": len(items), wrap: chosen, **extra} if wrap else chosen
    return web.json_response(body, headers=headers)


def build_application(fake: FakeGitHub) -> web.Application:
    from tests.fakes.github_actions import add_actions_routes
    from tests.fakes.github_deployments import add_deployment_routes
    from tests.fakes.github_gitdata import add_gitdata_routes
    from tests.fakes.github_oauth import add_oauth_routes
    from tests.fakes.github_repos import add_repo_routes
    from tests.fakes.github_reviews import add_review_routes

    app = web.Application(middlewares=[api_middleware])
    app[FAKE] = fake
    api = API_PREFIX
    app.router.add_get(f"{api}/app", get_app)
    app.router.add_get(f"{api}/app/installations", list_installations)
    app.router.add_post(
        f"{api}/app/installations/{{installation_id:\\d+}}/access_tokens", create_access_token
    )
    app.router.add_get(f"{api}/app/hook/deliveries", list_deliveries)
    app.router.add_post(f"{api}/app/hook/deliveries/{{delivery_id:\\d+}}/attempts", redeliver)
    app.router.add_post(f"{api}/app-manifests/{{code}}/conversions", convert_manifest)
    add_repo_routes(app, api)
    add_oauth_routes(app, api)
    add_deployment_routes(app, f"{api}/repos/{{owner}}/{{repo}}")
    add_gitdata_routes(app, f"{api}/repos/{{owner}}/{{repo}}")
    add_actions_routes(app, f"{api}/repos/{{owner}}/{{repo}}")
    add_review_routes(app, f"{api}/repos/{{owner}}/{{repo}}")
    app.router.add_post("/settings/apps/new", new_app_form)
    app.router.add_post("/organizations/{org}/settings/apps/new", new_app_form)
    service = "{service:info/refs|git-upload-pack|git-receive-pack}"
    app.router.add_get(f"/{{owner}}/{{repo}}/{service}", git_service)
    app.router.add_post(f"/{{owner}}/{{repo}}/{service}", git_service)
    return app
