"""A notification target: where an event goes, as ``.github/vibe.yml``'s ``notify:`` lists it and
as an installation's targets are stored.

Secrets never sit in the file (a repository's configuration is readable by everyone who can read
the code): fields ending in ``secret`` name a secret an administrator stored for the
installation (``notification_secrets``), resolved only when a delivery is sent.

```yaml
notify:
  - type: webhook                 # signed with HMAC-SHA256 (README "Notifications")
    url: https://ci.example.com/hooks/vibe
    secret: ci-hook               # the stored secret's name
    events: [check_failed]
  - type: slack
    url_secret: slack-alerts      # Slack's webhook URL is itself a credential
  - type: jenkins
    url: https://jenkins.example.com/job/deploy
    secret: jenkins-deploy        # the job's "Trigger builds remotely" token
    user: vibe                    # optional: user + api_token_secret for a crumb-protected Jenkins
    api_token_secret: jenkins-api
    parameters: {TARGET: staging}
    events: [deployment_ready]
  - type: workflow_dispatch
    workflow: deploy.yml          # file name or numeric id, in this repository
    ref: main                     # default: the event's ref
    parameters: {environment: "{environment}", sha: "{sha}"}
```
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from yarl import URL

from app.notify.addresses import EgressPolicy, parse_address, refusal_of
from app.notify.egress import HINT

NotifyEvent = Literal["scan_complete", "check_failed", "deployment_ready", "deployment_failed"]
TargetType = Literal["webhook", "slack", "jenkins", "workflow_dispatch"]
ALL_EVENTS: tuple[NotifyEvent, ...] = get_args(NotifyEvent)
SECRET_NAME = r"^[A-Za-z0-9_.-]{1,100}$"  # noqa: S105 - a pattern for names, no secret


class NotifyTarget(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: TargetType
    events: list[NotifyEvent] = Field(default_factory=lambda: list(ALL_EVENTS), min_length=1)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    url_secret: str | None = Field(default=None, pattern=SECRET_NAME)
    secret: str | None = Field(default=None, pattern=SECRET_NAME)
    user: str | None = None
    api_token_secret: str | None = Field(default=None, pattern=SECRET_NAME)
    workflow: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]+$")
    ref: str | None = None
    parameters: dict[str, str] = Field(default_factory=dict, max_length=25)

    @model_validator(mode="after")
    def _needs(self) -> NotifyTarget:
        missing = {
            "webhook": [("url", self.url), ("secret", self.secret)],
            "slack": [("url or url_secret", self.url or self.url_secret)],
            "jenkins": [("url", self.url), ("secret", self.secret)],
            "workflow_dispatch": [("workflow", self.workflow)],
        }[self.type]
        needed = [name for name, value in missing if not value]
        if needed:
            raise ValueError(f"needs {' and '.join(needed)} for type {self.type}")
        if self.type == "jenkins" and bool(self.user) != bool(self.api_token_secret):
            raise ValueError("needs both user and api_token_secret, or neither")
        return self

    def wants(self, event: str) -> bool:
        return event in self.events

    def fingerprint(self) -> str:
        """Stable identity of the target, for de-duplicating deliveries of one event."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def secret_names(self) -> list[str]:
        return [name for name in (self.url_secret, self.secret, self.api_token_secret) if name]


def refused_secrets(
    target: NotifyTarget, scopes: Mapping[str, Sequence[int]], repository_id: int | None
) -> list[str]:
    """The stored secrets a repository's own target names but may not use: each secret lists
    the repositories allowed to (none by default), so a repository's configuration, which
    anyone who can push may edit, cannot send an installation's credentials where it likes.
    A secret that is not stored at all is the sender's concern, not refused here."""
    return [
        name
        for name in target.secret_names()
        if name in scopes and (repository_id is None or repository_id not in scopes[name])
    ]


def refusal_message(secret: str, repository: str | None) -> str:
    where = repository or "this repository"
    return (
        f"`notify:` of {where} names the installation secret {secret!r}, which {where} may not "
        "use; an installation administrator can add the repository to the secret's allowed "
        "repositories (dashboard Settings, notification targets)"
    )


def refusal_notes(
    targets: Sequence[NotifyTarget],
    scopes: Mapping[str, Sequence[int]],
    repository_id: int | None,
    repository: str | None,
    *,
    allowed_hosts: Sequence[str] = (),
) -> list[str]:
    """One note per refused secret of ``.github/vibe.yml`` ``notify:``, then one per entry whose
    URL is an internal address the server's ``allowed_hosts`` (``VIBE_NOTIFY_ALLOWED_HOSTS``)
    does not let through, for the check run."""
    refused = {
        name for target in targets for name in refused_secrets(target, scopes, repository_id)
    }
    notes = [refusal_message(name, repository) for name in sorted(refused)]
    policy = EgressPolicy.parse(allowed_hosts)
    for target in targets:
        internal = internal_host(target.url, policy) if target.url else None
        if internal is not None:
            notes.append(address_refusal_message(target, internal, repository))
    return list(dict.fromkeys(notes))


# -- where a target's URL may point, decided without a DNS lookup --------------------


@dataclass(frozen=True)
class InternalHost:
    """A URL's host that is internal before any lookup, and the policy's words for it."""

    kind: str  # "loopback", "private"... (:func:`app.notify.addresses.refusal_of`)
    why: str  # "127.0.0.1 is a loopback address"


def url_host(url: str) -> str | None:
    """The host a connection to ``url`` goes to, as aiohttp's URL library reads it; None when
    it cannot read one."""
    try:
        return URL(url).host or None
    except (ValueError, TypeError):
        return None


def has_user_info(url: str) -> bool:
    """Whether ``url`` carries ``user[:password]@``, which aiohttp would send as Basic auth."""
    try:
        parsed = URL(url)
    except (ValueError, TypeError):
        return False
    return parsed.raw_user is not None or parsed.raw_password is not None


def internal_host(url: str, policy: EgressPolicy) -> InternalHost | None:
    """The internal address ``url`` names that ``policy`` refuses, when that is known without a
    lookup: an IP literal (in any form the resolver accepts) or a ``localhost`` name, which
    always means loopback (RFC 6761). None for other names: the worker checks the addresses
    they resolve to when it connects (:mod:`app.notify.egress`)."""
    host = url_host(url)
    if host is None:
        return None
    address = parse_address(host)
    if address is not None:
        kind, why = refusal_of(address), policy.refusal(host, host)
    else:
        name = host.rstrip(".").lower()
        if name != "localhost" and not name.endswith(".localhost"):
            return None
        kind, why = "loopback", policy.refusal(name, "127.0.0.1")
    if kind is None or why is None:
        return None
    return InternalHost(kind, why)


def _shown_origin(url: str) -> str:
    try:
        return str(URL(url).origin())
    except (ValueError, TypeError):
        return "its URL"


def address_refusal_message(
    target: NotifyTarget, internal: InternalHost, repository: str | None
) -> str:
    """What the check run says of a repository's ``notify:`` entry at an internal address
    (its URL's origin only: a Slack URL's path is a credential)."""
    where = repository or "this repository"
    return (
        f"`notify:` of {where} sends a {target.type} notification to "
        f"{_shown_origin(target.url or '')}, which is refused: {internal.why}; {HINT}"
    )
