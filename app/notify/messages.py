"""What each target type is sent, as pure values: the HTTP edge (:mod:`app.notify.senders`)
only transmits them.

- **webhook**: ``POST url`` with the event as JSON, signed (:mod:`app.notify.signing`);
- **slack**: an incoming-webhook message in Block Kit (header, summary section with fields,
  context line), with ``text`` as the notification fallback;
- **jenkins**: ``POST {job}/buildWithParameters?token=…`` with ``VIBE_*`` parameters and the
  target's own ``parameters``;
- **workflow_dispatch**: the body of ``POST /repos/{o}/{r}/actions/workflows/{id}/dispatches``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from app.notify.events import NotificationEvent
from app.notify.signing import HEADER, sign
from app.notify.targets import NotifyTarget

USER_AGENT = "VibeIntelligence-Notifications/1"
_EMOJI = {
    "scan_complete": ":mag:",
    "check_failed": ":x:",
    "deployment_ready": ":rocket:",
    "deployment_failed": ":rotating_light:",
}
SLACK_TEXT_MAX = 3000  # Block Kit's limit for a section's text


@dataclass(frozen=True)
class OutgoingRequest:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    form: dict[str, str] | None = None


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: Mapping[str, str]) -> str:
    """``{sha}``-style placeholders filled from the event; unknown ones stay as written."""
    try:
        return template.format_map(_KeepUnknown(values))
    except (ValueError, IndexError):
        return template  # braces that are no placeholders: sent as written


def filled_parameters(target: NotifyTarget, event: NotificationEvent) -> dict[str, str]:
    values = event.placeholders()
    return {name: fill(value, values) for name, value in target.parameters.items()}


def event_json(event: NotificationEvent) -> bytes:
    return orjson.dumps(event.model_dump(mode="json"))


def webhook_request(
    target: NotifyTarget,
    event: NotificationEvent,
    *,
    secret: str,
    delivery_id: int,
    timestamp: int | None = None,
) -> OutgoingRequest:
    assert target.url is not None
    body = event_json(event)
    return OutgoingRequest(
        "POST",
        target.url,
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Vibe-Event": event.event,
            "X-Vibe-Delivery": str(delivery_id),
            HEADER: sign(secret, body, timestamp),
        },
        body=body,
    )


def slack_message(event: NotificationEvent) -> dict[str, Any]:
    """An incoming-webhook payload in Block Kit."""
    emoji = _EMOJI[event.event]
    headline = event.headline()
    lines = [event.title] if event.title else []
    if event.url:
        lines.append(f"<{event.url}|Open>")
    fields = [
        {"type": "mrkdwn", "text": f"*{label}*\n{value}"}
        for label, value in (
            ("Repository", event.repository),
            ("Ref", event.ref),
            ("Commit", event.sha[:12] if event.sha else None),
            ("Conclusion", event.conclusion),
            ("Environment", event.environment),
        )
        if value
    ]
    summary: dict[str, Any] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": ("\n".join(lines) or headline)[:SLACK_TEXT_MAX]},
    }
    if fields:
        summary["fields"] = fields[:10]  # Block Kit allows 10 fields per section
    return {
        "text": f"{emoji} {headline}",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": headline[:150]}},
            summary,
            {
                "type": "context",
                "elements": [
                    {"type": "mrkdwn", "text": f"{emoji} `{event.event}` · VibeIntelligence"}
                ],
            },
        ],
    }


def slack_request(url: str, event: NotificationEvent) -> OutgoingRequest:
    return OutgoingRequest(
        "POST",
        url,
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
        body=orjson.dumps(slack_message(event)),
    )


def jenkins_root(job_url: str) -> str:
    """``https://ci/jenkins/job/a/job/b`` → ``https://ci/jenkins`` (where the crumb issuer is)."""
    head, marker, _ = job_url.partition("/job/")
    return head.rstrip("/") if marker else job_url.rstrip("/")


def jenkins_request(target: NotifyTarget, event: NotificationEvent) -> OutgoingRequest:
    """Without the token: the sender adds ``?token=`` so that it never reaches a log line."""
    assert target.url is not None
    form = {
        "VIBE_EVENT": event.event,
        "VIBE_EVENT_ID": event.id,
        "VIBE_REPOSITORY": event.repository or "",
        "VIBE_SHA": event.sha or "",
        "VIBE_REF": event.ref or "",
        "VIBE_CONCLUSION": event.conclusion or "",
        "VIBE_ENVIRONMENT": event.environment or "",
        "VIBE_URL": event.url or "",
        **filled_parameters(target, event),
    }
    return OutgoingRequest(
        "POST",
        f"{target.url.rstrip('/')}/buildWithParameters",
        headers={"User-Agent": USER_AGENT},
        form=form,
    )


def dispatch_body(target: NotifyTarget, event: NotificationEvent) -> dict[str, Any]:
    """Only the configured inputs: GitHub refuses inputs the workflow does not declare."""
    ref = fill(target.ref, event.placeholders()) if target.ref else event.ref
    return {"ref": ref or "main", "inputs": filled_parameters(target, event)}
