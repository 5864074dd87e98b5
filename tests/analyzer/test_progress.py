"""What the analyzer reports while it runs: per tool, files done of the files to analyze."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from app.agents.analyzer.engine import AnalysisOptions, analyze
from app.agents.analyzer.progress import ProgressReporter, ToolProgress
from app.agents.vulns.dependency_check import VulnerabilityOptions
from app.models.scan import Dependency

from .conftest import GitRepo, write

Options = Callable[..., AnalysisOptions]

PROJECT = {
    "app/views.py": "import subprocess\n\nsubprocess.call('ls', shell=True)\n",
    "app/settings.py": "DEBUG = True\n",
    "web/app.js": "const x = eval(location.hash);\n",
    "README.md": "# Demo\n",
}


def _by_tool(events: list[ToolProgress]) -> dict[tuple[str, str], list[ToolProgress]]:
    grouped: dict[tuple[str, str], list[ToolProgress]] = defaultdict(list)
    for event in events:
        grouped[(event.side, event.tool)].append(event)
    return dict(grouped)


def test_each_tool_reports_its_file_count_then_counts_up_to_it(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "project"
    write(root, PROJECT)
    events: list[ToolProgress] = []

    analyze(root, make_options(progress=events.append))

    tools = _by_tool(events)
    assert set(tools) == {("head", "semgrep"), ("head", "bandit"), ("head", "secrets")}
    totals = {tool: steps[0].total for (_, tool), steps in tools.items()}
    assert totals == {"semgrep": 3, "bandit": 2, "secrets": 4}
    for steps in tools.values():
        assert steps[0].done == 0 and steps[0].cached == 0
        assert [s.done for s in steps] == sorted(s.done for s in steps)
        assert steps[-1].finished and steps[-1].done == steps[-1].total
    # The secret detector runs in-process: one step per file.
    assert [s.done for s in tools[("head", "secrets")]] == [0, 1, 2, 3, 4]


def test_a_cached_rescan_reports_every_file_cached_and_nothing_to_do(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "project"
    write(root, PROJECT)
    analyze(root, make_options())
    events: list[ToolProgress] = []

    analyze(root, make_options(progress=events.append))

    assert sorted((e.tool, e.done, e.total, e.cached, e.finished) for e in events) == [
        ("bandit", 0, 0, 2, True),
        ("secrets", 0, 0, 4, True),
        ("semgrep", 0, 0, 3, True),
    ]


def test_diff_mode_reports_the_merge_base_side_apart(
    git_repo: GitRepo, make_options: Options
) -> None:
    git_repo.commit({"lib.py": "VALUE = 1\n", "other.py": "OTHER = 2\n"}, "base")
    git_repo.commit({"lib.py": "VALUE = 2\n"}, "head")
    events: list[ToolProgress] = []

    analyze(
        git_repo.root,
        make_options(base_ref="HEAD~1", tools=("secrets",), progress=events.append),
    )

    tools = _by_tool(events)
    assert tools[("head", "secrets")][-1].total == 2
    # Only the changed file is analyzed on the merge base.
    assert [(s.done, s.total) for s in tools[("base", "secrets")]] == [(0, 1), (1, 1)]


def test_osv_reports_the_dependencies_it_checks(tmp_path: Path, make_options: Options) -> None:
    root = tmp_path / "project"
    write(root, {"requirements.txt": "requests==2.0.0\nflask==2.0.0\n"})
    dependencies = [
        Dependency(name=name, ecosystem="pypi", version_spec="==2.0.0", manifest="requirements.txt")
        for name in ("requests", "flask")
    ]
    events: list[ToolProgress] = []

    analyze(
        root,
        make_options(
            tools=("secrets",),
            dependencies=dependencies,
            vulnerabilities=VulnerabilityOptions(database=tmp_path / "no-osv.sqlite"),
            progress=events.append,
        ),
    )

    osv = [(e.done, e.total, e.unit) for e in events if e.tool == "osv"]
    assert osv == [(0, 2, "dependencies"), (2, 2, "dependencies")]


def test_the_reporter_never_counts_past_the_total_nor_reports_a_tool_twice_finished() -> None:
    events: list[ToolProgress] = []
    reporter = ProgressReporter(events.append)

    reporter.start("bandit", 2)
    reporter.advance("bandit", 5)
    reporter.finish("bandit")
    reporter.advance("semgrep")  # never started: nothing to say

    assert [(e.tool, e.done, e.total) for e in events] == [("bandit", 0, 2), ("bandit", 2, 2)]
