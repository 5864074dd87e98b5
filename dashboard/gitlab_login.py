"""Sign in with GitLab: the OAuth authorization-code flow (scope ``read_api``, PKCE S256)
against ``VIBE_GITLAB_URL`` (callback ``/login/gitlab/callback``), over the steps
:mod:`dashboard.login` runs for every forge.

A GitLab user has no installation: what they read is the connected GitLab projects GitLab says
they have Reporter access to (``dashboard/auth.py``).
"""

from __future__ import annotations

from app.gitlab.errors import GitLabError
from app.gitlab.oauth import authorize_url, current_user, exchange_code
from app.store.dashboard_users import user_key
from dashboard.auth import client_session
from dashboard.login import LoginFlow, Returned, SignedIn
from dashboard.state import Dashboard

CALLBACK = "/login/gitlab/callback"


def _authorize(dashboard: Dashboard, redirect_uri: str, state: str, verifier: str) -> str:
    assert dashboard.gitlab_oauth is not None, "checked by the flow"
    app = dashboard.gitlab_oauth
    return authorize_url(app, redirect_uri=redirect_uri, state=state, verifier=verifier)


async def _identify(dashboard: Dashboard, redirect_uri: str, returned: Returned) -> SignedIn:
    assert dashboard.gitlab_oauth is not None, "checked by the flow"
    http = client_session(dashboard)
    app = dashboard.gitlab_oauth
    token = await exchange_code(http, app, returned.code, redirect_uri, returned.verifier)
    user = await current_user(http, app.gitlab_url, token)
    key = user_key("gitlab", user.id)
    return SignedIn(key, user.username, user.name, token, audit_details={"forge": "gitlab"})


SETUP_HINT = (
    "GitLab login is not configured: set VIBE_GITLAB_OAUTH_CLIENT_ID and "
    "VIBE_GITLAB_OAUTH_CLIENT_SECRET (an OAuth application on VIBE_GITLAB_URL with the read_api "
    "scope and the callback URL https://<host>/login/gitlab/callback)"
)


def _configured(dashboard: Dashboard) -> bool:
    return dashboard.gitlab_oauth is not None


FLOW = LoginFlow(
    "gitlab", "GitLab", CALLBACK, SETUP_HINT, _configured, _authorize, _identify, (GitLabError,)
)
