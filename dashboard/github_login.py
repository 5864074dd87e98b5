"""Log in with GitHub: the App's OAuth web flow (callback ``/login/callback``), over the steps
:mod:`dashboard.login` runs for every forge. GitHub also says, at login, which of the App's
installations the user can access (``GET /user/installations``)."""

from __future__ import annotations

from app.github.errors import GitHubError
from app.github.oauth import authorize_url, current_user, exchange_code, user_installation_ids
from app.store.dashboard_users import user_key
from dashboard.auth import client_session
from dashboard.login import LoginFlow, Returned, SignedIn
from dashboard.state import Dashboard


def _authorize(dashboard: Dashboard, redirect_uri: str, state: str, _verifier: str) -> str:
    assert dashboard.oauth is not None, "checked by the flow"
    return authorize_url(
        dashboard.endpoints, dashboard.oauth, redirect_uri=redirect_uri, state=state
    )


async def _identify(dashboard: Dashboard, redirect_uri: str, returned: Returned) -> SignedIn:
    assert dashboard.oauth is not None, "checked by the flow"
    http = client_session(dashboard)
    token = await exchange_code(
        http, dashboard.endpoints, dashboard.oauth, code=returned.code, redirect_uri=redirect_uri
    )
    user = await current_user(http, dashboard.endpoints, token)
    installation_ids = await user_installation_ids(http, dashboard.endpoints, token)
    details = {"installations": installation_ids}
    key = user_key("github", user.id)
    return SignedIn(key, user.login, user.name, token, installation_ids, details)


FLOW = LoginFlow(
    forge="github",
    title="GitHub",
    callback_path="/login/callback",
    setup_hint="GitHub login is not configured: set VIBE_GITHUB_CLIENT_ID and "
    "VIBE_GITHUB_CLIENT_SECRET, or run `vibe register`",
    configured=lambda dashboard: dashboard.oauth is not None,
    authorize=_authorize,
    identify=_identify,
    errors=(GitHubError,),
)
