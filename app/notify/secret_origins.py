"""Where a stored notification secret may go: the URL origin it was stored for.

A secret (a Jenkins build token, a Jenkins API token, a webhook signing key) is bound to the
origin (scheme, host and port) of the target it was stored with. A target may use it only if the
target sends it to that same origin, so naming a secret is not enough to have it sent elsewhere:
whoever moves a target to another origin enters the value again. A Slack ``url_secret`` is its
own destination: it is sent to the URL it holds, and bound to that URL's origin.

Origins are compared as ``yarl`` (the URL library aiohttp connects with) normalises them:
lower-case host, IDNA, no default port, no user information.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from yarl import URL

from app.notify.targets import NotifyTarget

SecretField = Literal["secret", "api_token_secret", "url_secret"]


@dataclass(frozen=True)
class SecretUse:
    """One secret as a target uses it: its name and the field that names it."""

    name: str
    field: SecretField


def origin_of(url: str | None) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL; None for anything else."""
    if not url:
        return None
    try:
        parsed = URL(url)
        if parsed.scheme not in ("http", "https") or not parsed.host:
            return None
        return str(parsed.origin())
    except (ValueError, TypeError):
        return None


def secret_uses(target: NotifyTarget) -> list[SecretUse]:
    fields: list[tuple[SecretField, str | None]] = [
        ("secret", target.secret),
        ("api_token_secret", target.api_token_secret),
        ("url_secret", target.url_secret),
    ]
    return [SecretUse(name, field) for field, name in fields if name]


def destination(target: NotifyTarget, use: SecretUse, value: str | None = None) -> str | None:
    """The origin the target sends ``use``'s secret to: its own URL's, or for a ``url_secret``
    the origin of the secret's value (None until the value is known)."""
    if use.field == "url_secret":
        return origin_of(value)
    return origin_of(target.url)


def same_origin(bound: str | None, origin: str | None) -> bool:
    return bound is not None and origin is not None and origin_of(bound) == origin


def binding_refusal(
    target: NotifyTarget,
    use: SecretUse,
    bound: str | None,
    value: str,
    installation_id: int | None,
) -> str | None:
    """Why the worker must not send this secret for this target, or None when it may.

    A ``url_secret`` goes to the URL it holds; a secret stored before secrets were bound
    (``bound`` None) may still serve as one, never as a token sent to a target's URL."""
    where = origin_of(value) if use.field == "url_secret" else origin_of(target.url)
    if use.field == "url_secret":
        if where is None:
            return (
                f"the installation secret {use.name!r} is not an http(s) URL, so it cannot be "
                "a Slack url_secret"
            )
        if bound is None or same_origin(bound, where):
            return None
    elif same_origin(bound, where):
        return None
    if bound is None:
        return (
            f"the installation secret {use.name!r} was stored before secrets were bound to a "
            f"URL origin; an administrator of installation {installation_id} must enter its "
            "value again with the target that uses it (dashboard Settings, notification targets)"
        )
    return (
        f"the installation secret {use.name!r} is bound to {origin_of(bound) or bound} and is "
        f"not sent to {where or 'a target without a URL'}; an administrator of installation "
        f"{installation_id} can enter its value again for this target's URL"
    )


def new_bindings(
    target: NotifyTarget, values: Mapping[str, str]
) -> tuple[dict[str, str], list[str]]:
    """The origin each secret given with ``target`` is bound to, and what is wrong (messages
    naming fields, never a value): a secret the target does not name, a target that would send
    one secret to two origins, a ``url_secret`` that is not an http(s) URL."""
    uses = secret_uses(target)
    errors: list[str] = []
    bindings: dict[str, str] = {}
    named = {use.name for use in uses}
    for name in values:
        if name not in named:
            errors.append(
                f"secrets.{name}: the target does not name this secret; a secret is stored "
                "with the target that uses it, and is bound to that target's URL origin"
            )
    for use in uses:
        if use.name not in values:
            continue
        origin = destination(target, use, values[use.name])
        if origin is None:
            errors.append(
                f"secrets.{use.name}.value: a url_secret must be an http(s) URL"
                if use.field == "url_secret"
                else f"target.{use.field}: the target has no http(s) URL to bind the secret to"
            )
        elif bindings.setdefault(use.name, origin) != origin:
            errors.append(
                f"target.{use.field}: the secret {use.name!r} would be sent to two origins"
            )
    return bindings, errors
