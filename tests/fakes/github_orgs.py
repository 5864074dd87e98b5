"""Organization memberships as a user token sees them: ``GET /user/memberships/orgs/{org}``.

GitHub answers the membership (``state`` ``active`` or ``pending``, ``role`` ``admin``,
``member`` or ``billing_manager``), 404 when the user is not a member, and 403 "Resource not
accessible by integration" when the App may not read memberships (its "Members" organization
permission is not granted).

    orgs = fake_orgs(fake_github)
    orgs.set_role("alice", "octo", "admin")
    orgs.set_role("bob", "octo", "admin", state="pending")
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from tests.fakes import github_shapes as shapes
from tests.fakes.github import FakeGitHub


@dataclass
class FakeOrgs:
    # (login, org), both lower-cased -> (state, role)
    memberships: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    members_permission: bool = True  # False: the App may not read memberships (403)

    def set_role(self, login: str, org: str, role: str, *, state: str = "active") -> None:
        self.memberships[(login.lower(), org.lower())] = (state, role)

    def remove(self, login: str, org: str) -> None:
        self.memberships.pop((login.lower(), org.lower()), None)


def fake_orgs(fake: FakeGitHub) -> FakeOrgs:
    """The organization state of ``fake`` (created on first use)."""
    state = fake.__dict__.get("_orgs")
    if state is None:
        state = FakeOrgs()
        fake.__dict__["_orgs"] = state
    assert isinstance(state, FakeOrgs)
    return state


async def user_org_membership(request: web.Request) -> web.Response:
    from tests.fakes.github_oauth import _user_of
    from tests.fakes.github_server import Reject, fake_of

    fake = fake_of(request)
    user = _user_of(request)
    orgs = fake_orgs(fake)
    org = request.match_info["org"]
    if not orgs.members_permission:
        raise Reject(403, "Resource not accessible by integration")
    found = orgs.memberships.get((user.login.lower(), org.lower()))
    if found is None:
        raise Reject(404, "Not Found")
    state, role = found
    owner = next(
        (
            i["account"]
            for i in fake.installations.values()
            if i["account"]["login"].lower() == org.lower()
        ),
        shapes.user(fake.url, fake.web_url, org, 90_000, "Organization"),
    )
    body = {
        "url": f"{fake.url}/orgs/{owner['login']}/memberships/{user.login}",
        "state": state,
        "role": role,
        "organization_url": f"{fake.url}/orgs/{owner['login']}",
        "organization": {
            "login": owner["login"],
            "id": owner["id"],
            "node_id": owner["node_id"],
            "url": f"{fake.url}/orgs/{owner['login']}",
            "description": None,
        },
        "user": shapes.user(fake.url, fake.web_url, user.login, user.id),
        "permissions": {"can_create_repository": role == "admin"},
    }
    return web.json_response(body)


def add_org_routes(app: web.Application, api: str) -> None:
    app.router.add_get(f"{api}/user/memberships/orgs/{{org}}", user_org_membership)
