"""Semgrep's native command line (``--experimental``) and its Python one find the same things
with our rule pack: the analyzer uses the native one because it starts seconds faster."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.agents.analyzer.engine import AnalysisOptions, analyze
from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR
from app.agents.analyzer.semgrep import SemgrepLimits

RULE_TESTS = DEFAULT_RULES_DIR.parent / "rule_tests"


def _semgrep_findings(root: Path, cache: Path, native: bool) -> list[tuple[str, str, int, str]]:
    options = AnalysisOptions(
        cache_dir=cache, tools=("semgrep",), limits=SemgrepLimits(native_cli=native)
    )
    report = analyze(root, options)
    assert not [n for n in report.notices if n.tool == "semgrep" and n.kind == "tool-error"]
    return sorted((f.rule_id, f.path, f.start_line, f.message) for f in report.findings)


def test_both_front_ends_find_the_same_with_the_whole_rule_pack(tmp_path: Path) -> None:
    # Every rule's own test files, in a directory that is not a git checkout (as a commit's
    # blobs are when a mirror is analyzed): path filters must match the same files.
    root = tmp_path / "project"
    shutil.copytree(RULE_TESTS, root)
    workflows = root / ".github" / "workflows"
    workflows.mkdir(parents=True)
    for workflow in (RULE_TESTS / "github-actions").glob("*.yaml"):
        shutil.copy(workflow, workflows / workflow.name)

    native = _semgrep_findings(root, tmp_path / "cache-native", native=True)
    python = _semgrep_findings(root, tmp_path / "cache-python", native=False)

    assert native == python
    assert len({rule for rule, *_ in native}) >= 40
    assert any(path.startswith(".github/workflows/") for _, path, _, _ in native)
