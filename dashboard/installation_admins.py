"""Who administers an installation: who may manage its notification targets and secrets.

- the server's own admins (``VIBE_DASHBOARD_ADMINS``, :attr:`Principal.is_admin`);
- on GitHub, the installation's account: for a user account that user, for an organization its
  active admins (owners), as ``GET /user/memberships/orgs/{org}`` tells the user's own token.

Being a member of an installation (reading its repositories) is not enough: its targets decide
where the installation's stored secrets are sent. GitHub's answer is kept for the dashboard's
access TTL (``installation_admin_checks``), like the installations a user may see; when GitHub
cannot be reached the last answer stands (an outage widens nothing), and with none the request
is refused with 503.
"""

from __future__ import annotations

from datetime import UTC, datetime

import aiohttp
import asyncpg  # type: ignore[import-untyped,unused-ignore]
from aiohttp import web

from app.github.errors import GitHubError
from app.github.oauth import org_membership
from app.logging import get_logger
from app.runtime.context import CONTEXT_KEY
from app.store import dashboard_users
from app.store import installation_admins as store
from app.store.installation_admins import InstallationAccount
from dashboard.auth import Principal
from dashboard.problems import Problem
from dashboard.state import DASHBOARD_KEY, Dashboard

log = get_logger("dashboard.installation_admins")


def refusal(installation_id: int, account: InstallationAccount | None) -> str:
    if account is not None and account.account_type == "User":
        who = f"the GitHub user {account.login}"
    elif account is not None:
        who = f"the owners (admins) of the GitHub organization {account.login}"
    else:
        who = "the owners of its GitHub account"
    return (
        f"only administrators of installation {installation_id} may manage its notification "
        f"targets and secrets: {who}, and this server's admins (VIBE_DASHBOARD_ADMINS)"
    )


async def require_installation_admin(
    request: web.Request, principal: Principal, installation_id: int
) -> None:
    """Raise :class:`Problem` 403 unless ``principal`` administers the installation (which
    they can already see: checked before)."""
    if principal.is_admin:
        return
    pool = request.app[CONTEXT_KEY].pool
    account = await store.account_of(pool, installation_id)
    if account is None or not await _administers(
        request.app[DASHBOARD_KEY], pool, principal, installation_id, account
    ):
        raise Problem(403, refusal(installation_id, account), slug="installation-admin-only")


async def _administers(
    dashboard: Dashboard,
    pool: asyncpg.Pool,
    principal: Principal,
    installation_id: int,
    account: InstallationAccount,
) -> bool:
    if account.account_type == "User":
        # The account is the user: compared by GitHub's id, which survives a rename.
        if account.account_id is not None:
            return account.account_id == principal.user_id
        return account.login.lower() == principal.login.lower()
    last = await store.last_check(pool, principal.user_id, installation_id)
    now = datetime.now(UTC)
    if last is not None and (now - last.checked_at).total_seconds() < dashboard.access_ttl_s:
        return last.is_admin
    try:
        is_admin = await _org_admin(dashboard, pool, principal, account.login)
    except GitHubError as exc:
        if not exc.transient:
            raise
        if last is not None:
            log.warning(
                "installation admin re-check failed; keeping the last answer",
                login=principal.login,
                installation=installation_id,
                error=str(exc),
            )
            return last.is_admin
        raise Problem(
            503,
            f"GitHub could not be asked whether you administer installation {installation_id} "
            f"({exc.message}); try again in a minute",
            slug="github-unavailable",
        ) from None
    await store.record_check(pool, principal.user_id, installation_id, is_admin)
    return is_admin


async def _org_admin(
    dashboard: Dashboard, pool: asyncpg.Pool, principal: Principal, org: str
) -> bool:
    user = await dashboard_users.user_by_id(pool, principal.user_id)
    token = dashboard.decrypt(user.oauth_token if user is not None else None)
    if token is None or dashboard.http is None:
        return False
    session: aiohttp.ClientSession = dashboard.http
    try:
        membership = await org_membership(session, dashboard.endpoints, token, org)
    except GitHubError as exc:
        if exc.transient:
            raise
        if exc.status == 403:
            log.warning(
                "GitHub refused to show an organization membership: grant the App the "
                "'Members' organization permission (read) so that organization owners can "
                "manage notification targets",
                org=org,
                login=principal.login,
            )
        return False
    return membership is not None and membership.is_active_admin
