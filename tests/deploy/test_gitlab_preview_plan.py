"""Which GitLab merge request hooks plan a preview deploy job, and in which words (pure: the
recorded hook, changed as GitLab would send it)."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.gitlab import plan_jobs, preview_job
from tests.gitlab.conftest import load_hook


def _hook(**attributes: Any) -> dict[str, Any]:
    payload = load_hook("Merge_Request_Hook.json")
    payload["object_attributes"].pop("oldrev", None)
    payload["object_attributes"].update(attributes)
    payload["changes"] = {}
    return payload


def _label_change(before: list[str], after: list[str]) -> dict[str, Any]:
    payload = _hook(action="update")
    payload["changes"] = {
        "labels": {
            "previous": [{"id": n, "title": title} for n, title in enumerate(before)],
            "current": [{"id": n, "title": title} for n, title in enumerate(after)],
        }
    }
    return payload


@pytest.mark.parametrize(
    ("payload", "action", "label"),
    [
        (_hook(action="open"), "opened", None),
        (_hook(action="reopen"), "reopened", None),
        (
            _hook(action="update", oldrev="95790bf891e76fee5e1747ab589903a6a1f80f22"),
            "synchronize",
            None,
        ),
        (_hook(action="close", state="closed"), "closed", None),
        (_hook(action="merge", state="merged"), "closed", None),
        (_label_change(["bug"], ["bug", "preview"]), "labeled", "preview"),
        (_label_change(["preview", "bug"], ["bug"]), "unlabeled", "preview"),
        # Several labels at once: none is named, the job reads the merge request's labels.
        (_label_change(["bug"], ["preview", "docs", "bug"]), "labeled", None),
        (_label_change(["preview"], ["docs"]), "unlabeled", None),
    ],
)
def test_a_merge_request_hook_plans_its_preview_in_the_words_of_pull_request_actions(
    payload: dict[str, Any], action: str, label: str | None
) -> None:
    request = preview_job(payload, "gitlab:x")
    assert request is not None
    assert (request.kind, request.action, request.pull_number) == ("gitlab_deploy", action, 1)
    assert request.extra.get("label") == label
    assert request.repository_id == -payload["project"]["id"]


@pytest.mark.parametrize(
    "payload",
    [_hook(action="approved"), _hook(action="update"), _hook(action="unapproved")],
)
def test_hooks_that_change_nothing_of_a_preview_plan_none(payload: dict[str, Any]) -> None:
    assert preview_job(payload, "gitlab:x") is None


def test_a_merge_request_from_a_fork_plans_no_preview_job() -> None:
    payload = _label_change([], ["preview"])
    payload["object_attributes"]["source_project_id"] = 999
    assert preview_job(payload, "gitlab:x") is None
    opened = _hook(action="open", source_project_id=999)
    assert [request.kind for request in plan_jobs("Merge Request Hook", opened, "gitlab:x")] == [
        "gitlab_mr_check"
    ]
