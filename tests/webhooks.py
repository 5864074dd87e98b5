"""Recorded GitHub webhook payloads, signed as GitHub signs them, for any test that posts them.

The event name is the fixture file's name up to the first dot (``pull_request.opened.json`` is a
``pull_request`` event).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from handlers.verify import sign

WEBHOOKS = Path(__file__).parent / "fixtures" / "github-webhooks"


def fixture_names() -> list[str]:
    return sorted(path.name for path in WEBHOOKS.glob("*.json"))


def event_of(name: str) -> str:
    return name.split(".", 1)[0]


def load_payload(name: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads((WEBHOOKS / name).read_text(encoding="utf-8"))
    return payload


def delivery(
    event: str,
    body: bytes,
    secret: str | None,
    *,
    delivery_id: str | None = None,
) -> tuple[dict[str, str], bytes]:
    """Headers and body of one delivery; ``secret=None`` sends it unsigned."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/test",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery_id or str(uuid.uuid4()),
    }
    if secret is not None:
        headers["X-Hub-Signature-256"] = sign(body, secret)
    return headers, body


def fixture_delivery(
    name: str, secret: str | None, *, delivery_id: str | None = None
) -> tuple[dict[str, str], bytes]:
    return delivery(event_of(name), (WEBHOOKS / name).read_bytes(), secret, delivery_id=delivery_id)


def payload_delivery(
    event: str, payload: dict[str, Any], secret: str | None, *, delivery_id: str | None = None
) -> tuple[dict[str, str], bytes]:
    return delivery(event, json.dumps(payload).encode("utf-8"), secret, delivery_id=delivery_id)
