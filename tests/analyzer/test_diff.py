"""Diff mode against real git history made with pygit2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from app.agents.analyzer.engine import AnalysisOptions, analyze
from app.agents.analyzer.render import exit_status
from app.agents.analyzer.sarif import build_sarif
from app.errors import UsageError

from .conftest import GitRepo

Options = Callable[..., AnalysisOptions]

BASE = """\
def keep(request):
    dangerous_call(request.args["moved"])


def fix(request):
    dangerous_call(request.args["fixed"])
"""
HEAD = """\
import logging

log = logging.getLogger(__name__)


def fix(request):
    safe_call(request.args["fixed"])


def keep(request):
    log.info("moved below, with lines inserted above")
    dangerous_call(request.args["moved"])


def added(request):
    dangerous_call(request.args["new"])
"""


@pytest.fixture
def feature_repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit({"app.py": BASE, "lib.py": "VALUE = 1\n"}, "base")
    git_repo.repo.branches.local.create("feature", git_repo.repo.head.peel())
    # main moves on after the branch point: its changes must not count as fixed or new.
    git_repo.commit({"main_only.py": "dangerous_call(1)\n"}, "later on main")
    git_repo.repo.checkout("refs/heads/feature")
    git_repo.commit({"app.py": HEAD}, "head")
    return git_repo


def test_diff_mode_classifies_new_unchanged_and_absent_by_fingerprint(
    feature_repo: GitRepo, make_options: Options, fixtures_dir: Path
) -> None:
    options = make_options(base_ref="main", tools=("semgrep",))
    report = analyze(feature_repo.root, options)
    states = sorted((f.baseline_state, f.start_line) for f in report.findings)
    assert states == [("absent", 6), ("new", 16), ("unchanged", 12)]
    assert report.merge_base == str(feature_repo.repo.revparse_single("main~1").id)
    # Only the blob that changed was analyzed on the base side: 2 head files + 1 base file.
    semgrep = next(t for t in report.stats.tools if t.tool == "semgrep")
    assert semgrep.analyzed == 3
    assert exit_status(report, "error") == 1

    document = build_sarif(report)
    schema = json.loads((fixtures_dir / "schemas" / "sarif-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(document)
    run = next(r for r in document["runs"] if r["tool"]["driver"]["name"] == "semgrep")
    assert sorted(r["baselineState"] for r in run["results"]) == ["absent", "new", "unchanged"]

    again = analyze(feature_repo.root, options)
    assert again.stats.tool_runs == 0
    assert sorted((f.baseline_state, f.fingerprint) for f in again.findings) == sorted(
        (f.baseline_state, f.fingerprint) for f in report.findings
    )


def test_uncommitted_changes_count_as_head(feature_repo: GitRepo, make_options: Options) -> None:
    (feature_repo.root / "app.py").write_text(BASE)
    report = analyze(feature_repo.root, make_options(base_ref="main", tools=("semgrep",)))
    assert {f.baseline_state for f in report.findings} == {"unchanged"}
    assert exit_status(report, "note") == 0


def test_a_bad_base_ref_is_a_usage_error_before_any_tool_runs(
    feature_repo: GitRepo, make_options: Options, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match="--base nope: no such commit"):
        analyze(feature_repo.root, make_options(base_ref="nope"))
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(UsageError, match="not inside a git repository"):
        analyze(plain, make_options(base_ref="main"))


def test_diff_mode_on_a_subfolder_of_the_repository(
    git_repo: GitRepo, make_options: Options
) -> None:
    old = "ghp_" + "Q7rT2xLm9KpW4sZ8vN3bY6cF1hJ5dG0aE2uR"
    new = "ghp_" + "Z1yX2wV3uT4sR5qP6oN7mL8kJ9iH0gF1eD2c"
    git_repo.commit({"svc/a.py": f'A = "{old}"\n', "other/x.py": f'X = "{old}"\n'}, "base")
    git_repo.repo.branches.local.create("feature", git_repo.repo.head.peel())
    git_repo.repo.checkout("refs/heads/feature")
    git_repo.commit({"svc/a.py": "A = None\n", "svc/b.py": f'B = "{new}"\n'}, "head")
    report = analyze(git_repo.root / "svc", make_options(base_ref="main", tools=("secrets",)))
    assert sorted((f.baseline_state, f.path) for f in report.findings) == [
        ("absent", "a.py"),
        ("new", "b.py"),
    ]
    assert report.stats.tool_runs == 0  # the secret detector runs in-process
