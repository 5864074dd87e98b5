"""The engine with the real tools (semgrep, bandit, secrets) over real files; few semgrep runs."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from app.agents.analyzer.engine import AnalysisOptions, analyze
from app.agents.analyzer.render import render_findings_text
from app.agents.analyzer.sarif import build_sarif
from app.agents.analyzer.toolrun import find_executable
from app.errors import ToolError
from app.models.config import PathsConfig, RepoConfig, RulesConfig

from .conftest import write

Options = Callable[..., AnalysisOptions]
TOKEN = "ghp_" + "Q7rT2xLm9KpW4sZ8vN3bY6cF1hJ5dG0aE2uR"

PROJECT = {
    "app/views.py": """\
        import subprocess

        def handler(request):
            dangerous_call(request.args["q"])
            subprocess.call("ls", shell=True)
        """,
    "app/settings.py": f'GITHUB_TOKEN = "{TOKEN}"\n',
    "web/app.js": "const x = eval(location.hash);\n",
    ".github/workflows/ci.yml": "jobs:\n  a:\n    steps:\n      - run: echo hi\n",
    "deploy/other.yml": "steps:\n  - run: echo hi\n",
}


def _summary(report_findings: list) -> set[tuple[str, str, str, int]]:
    return {(f.tool, f.rule_id, f.path, f.start_line) for f in report_findings}


def test_each_tool_reports_and_a_second_scan_starts_no_tool(
    tmp_path: Path, make_options: Options, rules_dir: Path
) -> None:
    root = tmp_path / "project"
    write(root, PROJECT)
    first = analyze(root, make_options())
    found = _summary(first.findings)
    assert ("semgrep", "test.dangerous-call", "app/views.py", 4) in found
    assert ("semgrep", "test.js-eval", "web/app.js", 1) in found
    assert ("semgrep", "test.workflow-run", ".github/workflows/ci.yml", 4) in found
    assert not any(f[2] == "deploy/other.yml" for f in found)  # path-filtered rule
    assert ("bandit", "B602", "app/views.py", 5) in found
    assert ("secrets", "secrets.github-token", "app/settings.py", 1) in found
    views = next(f for f in first.findings if f.rule_id == "test.dangerous-call")
    assert views.severity == "error" and views.cwe == ["CWE-78: OS Command Injection"]
    assert views.help == "Use `safe_call()` instead."
    assert first.stats.tool_runs == 2  # one semgrep, one bandit

    second = analyze(root, make_options())
    assert second.stats.tool_runs == 0
    assert second.stats.cache_misses == 0
    assert [f.fingerprint for f in second.findings] == [f.fingerprint for f in first.findings]

    # The same content in another repository is a cache hit too.
    copy = tmp_path / "elsewhere"
    write(copy, PROJECT)
    assert analyze(copy, make_options()).stats.tool_runs == 0

    # Editing one rule re-runs semgrep on exactly the files that rule applies to.
    rules_file = rules_dir / "test.yml"
    rules_file.write_text(rules_file.read_text().replace("a run step", "a run step!"))
    third = analyze(root, make_options())
    assert third.stats.tool_runs == 1
    stats = {t.tool: (t.analyzed, t.cached) for t in third.stats.tools}
    assert stats["semgrep"] == (1, 3)  # the workflow; not the .py, .js or other .yml files
    assert stats["bandit"] == (0, 2)
    assert any(f.message == "a run step!" for f in third.findings)


def test_config_disables_rules_overrides_severity_and_excludes_paths(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "project"
    write(root, {"app/a.py": "import pickle\nassert True\n", "skip/b.py": "import pickle\n"})
    config = RepoConfig(
        paths=PathsConfig(exclude=["skip/"]),
        rules=RulesConfig(disable=["B101"], severity={"B403": "error"}),
    )
    report = analyze(root, make_options(config=config, tools=("bandit",)))
    assert _summary(report.findings) == {("bandit", "B403", "app/a.py", 1)}
    assert report.findings[0].severity == "error"


def test_a_secret_never_appears_whole_in_text_json_or_sarif(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "project"
    write(root, {"conf.py": f'password = "{TOKEN}"\nAPI = "{TOKEN}"\n'})
    report = analyze(root, make_options(tools=("bandit", "secrets")))
    # Bandit's B105 on line 1 is the secret detector's finding there, merged as evidence.
    assert {f.tool for f in report.findings} == {"secrets"}
    assert {e.tool for f in report.findings for e in f.evidence} == {"bandit"}
    console = Console(file=io.StringIO(), width=200, color_system=None)
    render_findings_text(report, console)
    outputs = [
        console.file.getvalue(),  # type: ignore[attr-defined]
        report.model_dump_json(),
        json.dumps(build_sarif(report)),
    ]
    for output in outputs:
        assert TOKEN not in output
        assert TOKEN[4:20] not in output


def test_unparsable_binary_huge_and_deep_files_are_reported_not_fatal(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "project"
    write(
        root,
        {
            "broken.py": "def f(:\n    dangerous_call(1)\n",
            "deep.py": "x = " + "[" * 5000 + "]" * 5000 + "\n",
            "ok.py": "dangerous_call(2)\n",
        },
    )
    (root / "binary.py").write_bytes(b"\x7fELF\x00\x01" + bytes(range(256)) * 50)
    with (root / "huge.py").open("wb") as handle:  # sparse: never read
        handle.truncate(200 * 1024 * 1024)
    report = analyze(root, make_options())
    assert ("semgrep", "test.dangerous-call", "ok.py", 1) in _summary(report.findings)
    kinds = {(n.path, n.tool, n.kind) for n in report.notices}
    assert ("broken.py", "bandit", "parse-error") in kinds
    assert ("deep.py", "bandit", "parse-error") in kinds
    assert ("huge.py", "analyzer", "skipped") in kinds
    assert ("binary.py", "analyzer", "skipped") in kinds
    assert report.stats.duration_seconds < 60


def test_a_broken_rule_pack_is_a_tool_error_naming_semgrep(
    tmp_path: Path, make_options: Options
) -> None:
    rules = tmp_path / "bad-rules"
    rules.mkdir()
    (rules / "bad.yml").write_text("rules:\n  - id: broken\n    languages: [python]\n")
    root = tmp_path / "project"
    write(root, {"a.py": "x = 1\n"})
    with pytest.raises(ToolError, match="semgrep") as caught:
        analyze(root, make_options(rules_dir=rules, cache_dir=None))
    assert caught.value.exit_code == 3


def test_a_missing_tool_is_a_tool_error_with_the_fix() -> None:
    with pytest.raises(ToolError, match=r"not installed.*pip install vibe-missing"):
        find_executable("vibe-missing-tool", "install it with `pip install vibe-missing`")


def test_concurrent_scans_share_the_cache_without_corrupting_it(tmp_path: Path) -> None:
    import sqlite3
    import subprocess
    import sys

    cache = tmp_path / "cache"
    script = (
        "import sys; from pathlib import Path;"
        "from app.agents.analyzer.engine import AnalysisOptions, analyze;"
        "analyze(Path(sys.argv[1]), AnalysisOptions(cache_dir=Path(sys.argv[2]),"
        " tools=('secrets',)))"
    )
    roots = []
    for n in range(4):
        root = tmp_path / f"p{n}"
        write(root, {f"f{i}.py": f'T{i} = "{TOKEN}"  # {n % 2}\n' for i in range(200)})
        roots.append(root)
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(root), str(cache)]) for root in roots
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    with sqlite3.connect(cache / "results.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM results").fetchone() == (400,)
    again = analyze(roots[0], AnalysisOptions(cache_dir=cache, tools=("secrets",)))
    assert again.stats.cache_misses == 0


def test_the_repository_under_analysis_cannot_hijack_the_tools(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "hostile"
    hijack = 'raise SystemExit("hijacked")\n'
    write(
        root, {"bandit/__init__.py": hijack, "app/__init__.py": hijack, "x.py": "import pickle\n"}
    )
    report = analyze(root, make_options(tools=("bandit",)))
    assert ("bandit", "B403", "x.py", 1) in _summary(report.findings)
