from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from app.reporting.comment import (
    COMMENT_MARKER,
    CommentSection,
    find_marker_comment,
    render_pr_comment,
)
from app.reporting.limits import COMMENT_BODY_MAX, encoded_size
from app.reporting.summary import ReportContext
from tests.reporting.findings import finding

BOT = "vibeintelligence[bot]"
REPORT_URL = "https://vibe.example.com/r/acme/shop/pulls/42"
SOURCE_URL = "https://github.com/acme/shop/blob/4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39"


@pytest.fixture
def real_comment(fixtures_dir: Path) -> dict[str, Any]:
    payload = json.loads(
        (fixtures_dir / "github-webhooks" / "issue_comment.created.json").read_text("utf-8")
    )
    comment: dict[str, Any] = payload["comment"]
    return comment


def _by_bot(comment: dict[str, Any], body: str, comment_id: int) -> dict[str, Any]:
    ours = copy.deepcopy(comment)
    ours.update(id=comment_id, body=body)
    ours["user"].update(login=BOT, type="Bot")
    return ours


def test_marker_comment_is_found_only_when_the_bot_wrote_it(real_comment: dict[str, Any]) -> None:
    pasted = copy.deepcopy(real_comment)
    pasted.update(id=1, body=f"{COMMENT_MARKER}\nI copied your marker")
    other_bot = _by_bot(real_comment, f"{COMMENT_MARKER}\nhi", 2)
    other_bot["user"]["login"] = "dependabot[bot]"
    ours = _by_bot(real_comment, f"{COMMENT_MARKER}\n## VibeIntelligence", 3)
    comments = [real_comment, pasted, other_bot, ours]
    found = find_marker_comment(comments, BOT)
    assert found is not None and found["id"] == 3
    assert find_marker_comment([real_comment, pasted, other_bot], BOT) is None


def test_bot_comments_without_the_marker_are_not_the_sticky_comment(
    real_comment: dict[str, Any],
) -> None:
    unrelated = _by_bot(real_comment, "Thanks for the rescan request!", 7)
    quoted = _by_bot(real_comment, f"> {COMMENT_MARKER}", 8)
    assert find_marker_comment([unrelated, quoted], BOT) is None


def test_bot_login_may_be_given_without_the_bot_suffix(real_comment: dict[str, Any]) -> None:
    ours = _by_bot(real_comment, COMMENT_MARKER, 9)
    assert find_marker_comment([ours], "VibeIntelligence") is ours


def test_gitlab_note_by_the_bot_user_is_found() -> None:
    note = {"id": 5, "body": f"{COMMENT_MARKER}\n", "author": {"username": "vibe-bot"}}
    assert find_marker_comment([note], "vibe-bot") is note
    assert find_marker_comment([note], "someone-else") is None


def _section(count: int, **kwargs: Any) -> CommentSection:
    findings = [
        finding(start_line=n, rule_id=f"rule-{n}", severity="warning" if n % 2 else "error")
        for n in range(1, count + 1)
    ]
    findings.append(finding(rule_id="fixed-one", baseline_state="absent", start_line=500))
    return CommentSection(
        findings=findings,
        context=ReportContext(health_score=0.9, baseline_health_score=0.85, source_url=SOURCE_URL),
        conclusion="failure",
        **kwargs,
    )


def test_comment_has_verdict_top_findings_health_and_the_rest_folded() -> None:
    body = render_pr_comment([_section(8)], report_url=REPORT_URL)
    assert body.startswith(COMMENT_MARKER + "\n")
    assert "❌ **8 new findings** (4 errors, 4 warnings) · 1 fixed" in body
    top, folded = body.split("<details><summary>3 more new findings</summary>")
    assert top.count("\n- 🔴 **error**") == 4
    assert top.count("\n- 🟠 **warning**") == 1
    assert f"[`app/db.py:2`]({SOURCE_URL}/app/db.py#L2)" in top
    assert "Health score: **90**/100 (▲ 5 vs base)" in top
    assert folded.count("\n- 🟠 **warning**") == 3
    assert f"[Full report]({REPORT_URL})" in body


def test_comment_ends_with_the_commands_help() -> None:
    body = render_pr_comment([CommentSection(conclusion="success")])
    assert "✅ **No new findings**" in body
    assert "<details>" not in body.split("<details><summary>Commands</summary>")[0]
    for usage in ("`/vibe rescan`", "`/vibe ignore <fingerprint> <reason> [until YYYY-MM-DD]`"):
        assert usage in body
    assert body.rstrip().endswith("</details>")


def test_monorepo_comment_has_a_section_per_project() -> None:
    body = render_pr_comment(
        [
            _section(2, name="api"),
            CommentSection(name="web", affected=False, conclusion="neutral"),
        ]
    )
    assert body.count(COMMENT_MARKER) == 1
    api, web = body.split("### `web`")
    assert "### `api`" in api and "❌ **2 new findings**" in api
    assert "⚪ Not affected by this pull request." in web


def test_huge_comment_stays_under_githubs_limit_and_says_what_was_left_out() -> None:
    section = _section(5000)
    for item in section.findings:
        item.message = "Untrusted data flows into a shell command. " * 10
    body = render_pr_comment([section], report_url=REPORT_URL)
    assert encoded_size(body) <= COMMENT_BODY_MAX
    assert "more, in the check run details" in body
    assert body.count("<details>") == body.count("</details>")
    assert "`/vibe help`" in body
