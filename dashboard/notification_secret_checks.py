"""What a new or replaced notification target may do with the installation's secrets, and where
it may point.

A secret given with the target is bound to the origin the target sends it to; a stored secret the
target only names must already be bound to that origin, or the request is refused (422) naming
the field and asking for the value again. A URL (the target's, or a Slack ``url_secret``'s value)
at an internal address the server's ``VIBE_NOTIFY_ALLOWED_HOSTS`` does not list is refused when
saved, as far as that is known without a lookup (:func:`app.notify.targets.internal_host`); so is
a target URL with ``user:password@`` (credentials belong in secrets). Messages name fields,
origins and literal addresses, never a value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from app.notify.addresses import EgressPolicy
from app.notify.egress import HINT
from app.notify.secret_origins import (
    SecretUse,
    destination,
    new_bindings,
    origin_of,
    same_origin,
    secret_uses,
)
from app.notify.targets import NotifyTarget, has_user_info, internal_host, url_host
from app.store import installations
from app.store import notifications as store
from dashboard.problems import Problem


class ScopedSecret(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def allowed_repositories(self) -> list[int]: ...


def _invalid(detail: str) -> Problem:
    return Problem(422, detail, slug="invalid")


def check_destination(target: NotifyTarget, given: Mapping[str, str], policy: EgressPolicy) -> None:
    """Refuse (422) a target whose URL ``policy`` refuses before any lookup, or that carries
    credentials; the same for the value of a ``url_secret`` given with it (named, not shown)."""
    if target.url is not None:
        if url_host(target.url) is None:
            raise _invalid("target.url: not an http(s) URL with a host")
        if has_user_info(target.url):
            raise _invalid(
                "target.url: user information (user:password@) is not accepted in a target's "
                "URL, where every member reads it; store credentials as secrets (a Jenkins "
                "target's user and api_token_secret)"
            )
        internal = internal_host(target.url, policy)
        if internal is not None:
            raise _invalid(f"target.url: {internal.why}; {HINT}")
    if target.url_secret is not None and target.url_secret in given:
        internal = internal_host(given[target.url_secret], policy)
        if internal is not None:
            article = "an" if internal.kind[0] in "aeiou" else "a"
            raise _invalid(
                f"secrets.{target.url_secret}.value: the URL is at {article} {internal.kind} "
                f"address; {HINT}"
            )


async def check_repositories(
    pool: asyncpg.Pool, installation_id: int, secrets: Sequence[ScopedSecret]
) -> None:
    """Each secret's allowed repositories are repositories of the installation."""
    repositories = await installations.repository_ids(pool, installation_id)
    for secret in secrets:
        foreign = sorted(set(secret.allowed_repositories) - repositories)
        if foreign:
            raise _invalid(
                f"secrets.{secret.name}.allowed_repositories: repositories {foreign} are not "
                f"repositories of installation {installation_id}"
            )


def moved(use: SecretUse, bound: str | None, to: str | None, value_field: str) -> str:
    if bound is None:
        return (
            f"target.{use.field}: the stored secret {use.name!r} was stored before secrets were "
            f"bound to a URL origin; enter its value again in {value_field}"
        )
    return (
        f"target.{use.field}: the stored secret {use.name!r} is bound to {origin_of(bound)}; "
        f"to send it to {to or 'a target without a URL'}, enter its value again in "
        f"{value_field} (a stored secret is only sent to the origin it was stored for)"
    )


async def bindings(
    pool: asyncpg.Pool,
    installation_id: int,
    target: NotifyTarget,
    given: Mapping[str, str],
    value_field: str,
) -> dict[str, str]:
    """The origin each given secret is bound to; refuses (422) a target that would send a
    stored secret anywhere but the origin it is bound to, or names one not stored."""
    bound, errors = new_bindings(target, given)
    if errors:
        raise _invalid(errors[0])
    stored = await store.secret_origins(pool, installation_id, target.secret_names())
    for use in secret_uses(target):
        if use.name in given:
            continue
        if use.name not in stored:
            raise _invalid(
                f"target.{use.field}: no secret {use.name!r} is stored for installation "
                f"{installation_id}; send its value in {value_field}"
            )
        # A url_secret goes to the URL it holds: wherever it was stored, that is where it goes.
        to = destination(target, use)
        if use.field != "url_secret" and not same_origin(stored[use.name], to):
            raise _invalid(moved(use, stored[use.name], to, value_field))
    return bound
