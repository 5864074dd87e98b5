"""No run of six or more lines shared between a GitHub-side and a GitLab-side module
(``tests/layout/forge_duplication.py``), and the checker itself on small trees: a twin is found
whether it is copied to the letter or renamed for the other forge, and what is not a twin is not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.layout.forge_duplication import (
    ROOT,
    find_duplication,
    forge_side,
    main,
    significant_lines,
)

GITHUB_BODY = """\
async def report(gh, pull, conclusion):
    summary = render_summary(pull, conclusion)
    await gh.post_pull_comment(pull.number, summary)
    if conclusion == "failure":
        await gh.add_github_label(pull.number, "blocked")
    log.info("reported", pull=pull.number)
    return summary
"""


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_sides_come_from_the_forge_named_in_the_path_or_the_change_requests_prefix() -> None:
    assert forge_side("jobs/forges/github/checks.py") == "github"
    assert forge_side("app/gitlab/client.py") == "gitlab"
    assert forge_side("handlers/github.py") == "github"
    assert forge_side("jobs/flows/gitlab_docs.py") == "gitlab"
    assert forge_side("jobs/flows/pr_check.py") == "github"
    assert forge_side("jobs/flows/mr_check.py") == "gitlab"
    assert forge_side("jobs/flows/check.py") is None
    assert forge_side("app/github_gitlab_bridge.py") is None


def test_comments_imports_docstrings_and_punctuation_do_not_count() -> None:
    text = (
        "import os\nfrom a import (\n    b,\n    c,\n)\n# a comment\n\n)\n],\n"
        'def f():\n    """Doc,\n    more doc."""\n    """One line."""\n'
        '    x = "#1"  # why\n    y = """text\nin text\n"""\n'
    )
    assert [line.exact for line in significant_lines(text)] == [
        "def f():",
        'x = "#1"',
        'y = """text',
    ]


def test_a_run_copied_to_the_letter_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "jobs/forges/github/report.py": "import a\n\n" + GITHUB_BODY,
            "jobs/forges/gitlab/report.py": "import b\nX = 1\n" + GITHUB_BODY,
        },
    )
    [pair] = find_duplication(root)
    assert (pair.github, pair.gitlab) == (
        "jobs/forges/github/report.py",
        "jobs/forges/gitlab/report.py",
    )
    assert (pair.run.a_start, pair.run.a_end, pair.run.b_start, pair.run.b_end) == (3, 9, 3, 9)
    assert pair.run.lines == 7 and pair.run.kind == "exact"


def test_a_run_renamed_for_the_other_forge_is_found_as_the_same_shape(tmp_path: Path) -> None:
    gitlab_body = GITHUB_BODY.replace("gh", "gl").replace("pull", "mr").replace("github", "gitlab")
    root = _tree(
        tmp_path,
        {"handlers/github.py": GITHUB_BODY, "handlers/gitlab.py": gitlab_body},
    )
    [pair] = find_duplication(root)
    assert pair.run.kind == "forge" and pair.run.lines == 7
    # Other names and strings too: the same shape.
    renamed = gitlab_body.replace("render_summary", "summarise").replace('"blocked"', '"stop"')
    _tree(tmp_path, {"handlers/gitlab.py": renamed})
    [pair] = find_duplication(root)
    assert pair.run.kind == "shape" and pair.run.lines == 7


def test_lists_of_thin_lines_of_the_same_shape_are_no_twins(tmp_path: Path) -> None:
    github = "SETTINGS = dict(\n" + "".join(f"    g{n}=github.v{n},\n" for n in range(8)) + ")\n"
    gitlab = "LIMITS = dict(\n" + "".join(f"    k{n}=other.w{n},\n" for n in range(8)) + ")\n"
    root = _tree(tmp_path, {"app/github/a.py": github, "app/gitlab/a.py": gitlab})
    assert find_duplication(root) == []


def test_five_shared_lines_or_twins_on_one_side_are_not_reported(tmp_path: Path) -> None:
    five = "\n".join(GITHUB_BODY.splitlines()[:5]) + "\n"
    root = _tree(
        tmp_path,
        {
            "app/github/a.py": five,
            "app/gitlab/a.py": five,
            "app/github/b.py": GITHUB_BODY,
            "app/github/c.py": GITHUB_BODY,  # both GitHub-side
            "app/neutral.py": GITHUB_BODY,  # on no side
            "docs/gitlab.py": GITHUB_BODY,  # outside the folders checked
        },
    )
    assert find_duplication(root) == []


def test_the_command_prints_the_pairs_and_fails_then_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(
        tmp_path, {"jobs/flows/pr_check.py": GITHUB_BODY, "jobs/flows/mr_check.py": GITHUB_BODY}
    )
    assert main([str(root)]) == 1
    assert "jobs/flows/pr_check.py:1-7 ~ jobs/flows/mr_check.py:1-7 (7 lines, exact)" in (
        capsys.readouterr().out
    )
    (root / "jobs/flows/mr_check.py").write_text("x = 1\n", encoding="utf-8")
    assert main([str(root)]) == 0


def test_no_github_side_module_shares_a_run_of_six_lines_with_a_gitlab_side_one() -> None:
    started = time.monotonic()
    pairs = find_duplication(ROOT)
    elapsed = time.monotonic() - started

    assert not pairs, "GitHub-side and GitLab-side modules share runs of 6+ lines:\n" + "\n".join(
        f"  {pair}" for pair in pairs
    )
    assert elapsed < 10, f"the check took {elapsed:.1f} s"
