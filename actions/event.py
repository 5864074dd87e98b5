"""What the workflow run is about, from ``GITHUB_EVENT_NAME`` and the event payload file.

Only plain values leave this module: the base and head commits, the pull request's number and
the repository's ``owner/name``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UsageError

PULL_REQUEST_EVENTS = frozenset({"pull_request", "pull_request_target"})
SUPPORTED_EVENTS = ("pull_request", "pull_request_target", "push", "workflow_dispatch", "schedule")
NULL_SHA = "0" * 40


@dataclass(frozen=True)
class ActionEvent:
    """``name`` is empty when run outside GitHub Actions."""

    name: str = ""
    base_sha: str | None = None
    head_sha: str | None = None
    pull_number: int | None = None
    repository: str | None = None

    @property
    def is_pull_request(self) -> bool:
        return self.name in PULL_REQUEST_EVENTS

    @property
    def is_push(self) -> bool:
        return self.name == "push"

    def base_description(self) -> str:
        if self.is_pull_request:
            return "the pull request's base"
        if self.is_push:
            return "the commit before the push"
        return "the base"


def load_event(env: Mapping[str, str]) -> ActionEvent:
    """The event of this run; outside Actions (no ``GITHUB_EVENT_NAME``) an empty one."""
    name = env.get("GITHUB_EVENT_NAME", "").strip()
    repository = env.get("GITHUB_REPOSITORY") or None
    if not name:
        return ActionEvent(repository=repository)
    raw_path = env.get("GITHUB_EVENT_PATH", "").strip()
    if not raw_path:
        raise UsageError(
            f"GITHUB_EVENT_NAME is {name} but GITHUB_EVENT_PATH is not set; the runner sets "
            "both: run `vibe action` as a workflow step, or unset GITHUB_EVENT_NAME to run it "
            "locally"
        )
    payload = _read_payload(Path(raw_path))
    repository = _string(payload.get("repository"), "full_name") or repository
    if name in PULL_REQUEST_EVENTS:
        pull = payload.get("pull_request")
        if not isinstance(pull, Mapping):
            raise UsageError(
                f"GITHUB_EVENT_PATH {raw_path}: a {name} event without `pull_request`; "
                "the file is not the runner's event payload"
            )
        number = payload.get("number", pull.get("number"))
        return ActionEvent(
            name=name,
            base_sha=_string(pull.get("base"), "sha"),
            head_sha=_string(pull.get("head"), "sha"),
            pull_number=number if isinstance(number, int) else None,
            repository=repository,
        )
    if name == "push":
        before = payload.get("before")
        after = payload.get("after")
        return ActionEvent(
            name=name,
            base_sha=before if isinstance(before, str) and before != NULL_SHA else None,
            head_sha=after if isinstance(after, str) and after != NULL_SHA else None,
            repository=repository,
        )
    # workflow_dispatch, schedule and the rest carry no base: the `base` input, or a full scan.
    return ActionEvent(name=name, repository=repository)


def _read_payload(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(
            f"GITHUB_EVENT_PATH {path}: no such file; the runner writes the event payload "
            "there, so run `vibe action` as a workflow step (or point it at a payload file)"
        ) from None
    except OSError as exc:
        raise UsageError(f"GITHUB_EVENT_PATH {path}: cannot read it ({exc.strerror})") from None
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"GITHUB_EVENT_PATH {path}: not JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    if not isinstance(payload, dict):
        raise UsageError(f"GITHUB_EVENT_PATH {path}: the payload must be a JSON object")
    return payload


def _string(parent: object, key: str) -> str | None:
    if isinstance(parent, Mapping):
        value = parent.get(key)
        if isinstance(value, str) and value:
            return value
    return None
