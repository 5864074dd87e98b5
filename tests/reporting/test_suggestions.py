"""Suggestion blocks for new findings with fixes, on the lines a change request added."""

from __future__ import annotations

from app.gitlab.positions import marker_of, plan_discussions, plan_suggestion_discussions
from app.models.finding import Finding, Fix, region_digest
from app.reporting.annotations import annotation_for
from app.reporting.diffmap import ChangedFile, ChangedFiles
from app.reporting.suggestions import (
    plan_suggestions,
    review_comment,
    suggestion_block,
    wanted_sources,
)

SOURCE = [
    "import hashlib",
    "digest = hashlib.md5(data).hexdigest()  # é",
    "result = old_call(",
    "    1,",
    "    2)",
    "untouched = hashlib.md5(other)",
    "",
]


def _finding(
    rule: str, text: str, start: tuple[int, int], end: tuple[int, int], **extra: object
) -> Finding:
    first, last = SOURCE[start[0] - 1], SOURCE[end[0] - 1]
    if start[0] == end[0]:
        original = first[start[1] - 1 : end[1] - 1]
    else:
        middle = SOURCE[start[0] : end[0] - 1]
        original = "\n".join([first[start[1] - 1 :], *middle, last[: end[1] - 1]])
    fix = Fix(
        text=text,
        start_line=start[0],
        start_column=start[1],
        end_line=end[0],
        end_column=end[1],
        original_digest=region_digest(original),
    )
    values: dict[str, object] = {
        "tool": "semgrep",
        "rule_id": rule,
        "severity": "warning",
        "message": f"{rule} says so",
        "path": "app.py",
        "start_line": start[0],
        "end_line": end[0],
        "fingerprint": f"{rule}-{start[0]}",
        "baseline_state": "new",
        "fix": fix,
    }
    values.update(extra)
    return Finding.model_validate(values)


MD5 = _finding("use-sha256", "hashlib.sha256(data)", (2, 10), (2, 27))
CALL = _finding("new-call", "new_call(1, 2)", (3, 10), (5, 7))
OUTSIDE = _finding("use-sha256", "hashlib.sha256(other)", (6, 13), (6, 31))
CHANGED = ChangedFiles.of([ChangedFile(path="app.py", changed_lines=frozenset({2, 3, 4, 5}))])


def test_a_suggestion_holds_the_whole_line_as_fixed_on_the_changed_line() -> None:
    [suggestion] = plan_suggestions([MD5], CHANGED, {"app.py": SOURCE})
    assert suggestion.lines == ("digest = hashlib.sha256(data).hexdigest()  # é",)
    comment = review_comment(suggestion)
    assert comment["path"] == "app.py" and comment["line"] == 2 and comment["side"] == "RIGHT"
    assert "start_line" not in comment
    assert "```suggestion\ndigest = hashlib.sha256(data).hexdigest()  # é\n```" in comment["body"]
    assert "use-sha256" in comment["body"]


def test_a_multi_line_fix_is_one_comment_over_its_lines() -> None:
    [suggestion] = plan_suggestions([CALL], CHANGED, {"app.py": SOURCE})
    comment = review_comment(suggestion)
    assert (comment["start_line"], comment["line"]) == (3, 5)
    assert comment["start_side"] == "RIGHT"
    assert "```suggestion\nresult = new_call(1, 2)\n```" in comment["body"]
    assert suggestion_block(suggestion, gitlab=True).startswith("```suggestion:-0+2\n")


def test_no_suggestion_off_the_diff_for_old_or_ignored_findings_or_a_changed_head() -> None:
    unchanged = MD5.model_copy(update={"baseline_state": "unchanged"})
    assert plan_suggestions([OUTSIDE, unchanged], CHANGED, {"app.py": SOURCE}) == []
    assert (
        plan_suggestions([MD5], CHANGED, {"app.py": SOURCE}, ignored=frozenset({MD5.fingerprint}))
        == []
    )
    edited = [*SOURCE]
    edited[1] = "digest = hashlib.md5(other).hexdigest()"
    assert plan_suggestions([MD5], CHANGED, {"app.py": edited}) == []
    partly = ChangedFiles.of([ChangedFile(path="app.py", changed_lines=frozenset({4}))])
    assert plan_suggestions([CALL], partly, {"app.py": SOURCE}) == []
    assert wanted_sources([MD5, CALL, OUTSIDE, unchanged], CHANGED) == ["app.py"]


def test_two_fixes_on_the_same_line_give_one_suggestion_the_most_severe() -> None:
    digest = _finding("hexdigest", "digest()", (2, 28), (2, 39), severity="error")
    [suggestion] = plan_suggestions([MD5, digest], CHANGED, {"app.py": SOURCE})
    assert suggestion.finding.rule_id == "hexdigest"


def test_content_with_backticks_gets_a_longer_fence() -> None:
    source = ["doc = '```'", ""]
    fix = Fix(
        text="'````'",
        start_line=1,
        start_column=7,
        end_line=1,
        end_column=12,
        original_digest=region_digest("'```'"),
    )
    finding = MD5.model_copy(update={"fix": fix, "start_line": 1, "end_line": 1})
    changed = ChangedFiles.of([ChangedFile(path="app.py", changed_lines=frozenset({1}))])
    [suggestion] = plan_suggestions([finding], changed, {"app.py": source})
    assert suggestion_block(suggestion) == "`````suggestion\ndoc = '````'\n`````"


def test_gitlab_discussions_are_marked_apart_from_the_findings_own() -> None:
    [md5, call] = plan_suggestions([MD5, CALL], CHANGED, {"app.py": SOURCE})
    [first, second] = plan_suggestion_discussions([md5, call])
    assert marker_of(first.body) == f"fix:{MD5.fingerprint}" == first.marker
    assert (first.path, first.line) == ("app.py", 2)
    assert "```suggestion:-0+0\ndigest = hashlib.sha256(data)" in first.body
    assert (second.line, marker_of(second.body)) == (3, f"fix:{CALL.fingerprint}")
    assert "```suggestion:-0+2\nresult = new_call(1, 2)\n```" in second.body


def test_gitlab_puts_a_fix_in_its_findings_discussion_and_a_rolled_up_one_apart() -> None:
    [md5, call] = plan_suggestions([MD5, CALL], CHANGED, {"app.py": SOURCE})
    annotation = annotation_for(MD5).to_github()
    [own, alone] = plan_discussions([annotation], [md5, call])
    assert own.marker == MD5.fingerprint and own.line == 2
    assert "```suggestion:-0+0\ndigest = hashlib.sha256(data).hexdigest()  # é\n```" in own.body
    assert own.body.index("```suggestion") < own.body.index("<details>")
    assert alone.marker == f"fix:{CALL.fingerprint}" and alone.line == 3


def test_a_fix_on_a_minified_line_is_no_suggestion() -> None:
    source = ["x = legacy(1); " + "y = 2; " * 400, ""]
    fix = Fix(
        text="modern(1)",
        start_line=1,
        start_column=5,
        end_line=1,
        end_column=14,
        original_digest=region_digest("legacy(1)"),
    )
    finding = MD5.model_copy(update={"fix": fix, "start_line": 1, "end_line": 1})
    changed = ChangedFiles.of([ChangedFile(path="app.py", changed_lines=frozenset({1}))])
    assert plan_suggestions([finding], changed, {"app.py": source}) == []
    short = ["x = legacy(1)", ""]
    assert len(plan_suggestions([finding], changed, {"app.py": short})) == 1
