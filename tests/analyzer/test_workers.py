"""Splitting each tool's targets across processes: the plan, and the same findings however the
work is split."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.agents.analyzer import workers
from app.agents.analyzer.engine import AnalysisOptions, analyze
from app.agents.analyzer.workers import plan_processes, split_targets

from .conftest import write

Options = Callable[..., AnalysisOptions]
MIB = 1024 * 1024


def test_each_part_gets_its_share_of_every_file_type() -> None:
    sizes = {f"py/{n}.py": (n + 1) * 1000 for n in range(40)}
    sizes.update({f"js/{n}.js": (n + 1) * 300 for n in range(30)})
    parts = split_targets(list(sizes), sizes.__getitem__, 3)

    assert len(parts) == 3
    assert sorted(t for part in parts for t in part) == sorted(sizes)
    assert all(part == sorted(part) for part in parts)
    for suffix in (".py", ".js"):
        loads = [sum(sizes[t] for t in part if t.endswith(suffix)) for part in parts]
        assert max(loads) - min(loads) <= max(s for t, s in sizes.items() if t.endswith(suffix))


def test_fewer_targets_than_parts_leaves_no_empty_part() -> None:
    assert split_targets(["b.py", "a.py"], lambda _: 10, 4) == [["a.py"], ["b.py"]]
    assert split_targets([], lambda _: 10, 4) == []
    assert split_targets(["b.py", "a.py"], lambda _: 10, 1) == [["a.py", "b.py"]]


def test_a_large_scan_on_two_cores_splits_semgrep_not_bandit() -> None:
    # The bench's proportions: 5.5 MiB of Python, 1.4 MiB of JavaScript.
    py = [f"backend/{n}.py" for n in range(350)]
    js = [f"frontend/{n}.js" for n in range(300)]
    sizes = {t: int(5.5 * MIB / 350) for t in py} | {t: int(1.4 * MIB / 300) for t in js}

    plan = plan_processes(py + js, py, sizes.__getitem__, cores=2)

    assert (len(plan.semgrep), len(plan.bandit)) == (2, 1)
    assert sorted(t for part in plan.semgrep for t in part) == sorted(py + js)


def test_a_small_scan_or_one_core_starts_one_process_per_tool() -> None:
    sizes = {"a.py": 2000, "b.js": 500}
    assert plan_processes(list(sizes), ["a.py"], sizes.__getitem__, cores=8) == workers.ToolPlan(
        semgrep=[["a.py", "b.js"]], bandit=[["a.py"]]
    )
    big = {f"{n}.py": MIB for n in range(20)}
    plan = plan_processes(list(big), list(big), big.__getitem__, cores=1)
    assert (len(plan.semgrep), len(plan.bandit)) == (1, 1)
    assert plan_processes([], [], big.__getitem__, cores=4) == workers.ToolPlan([], [])


PROJECT = {
    **{
        f"app/module{n}.py": f"""\
            import pickle
            import subprocess

            def handler{n}(request):
                dangerous_call(request.args["q"])
                subprocess.call("ls", shell=True)
                return pickle.loads(request.body)
            """
        for n in range(6)
    },
    **{f"web/page{n}.js": f"const x{n} = eval(location.hash);\n" for n in range(4)},
    "app/broken.py": "def broken(:\n",
    "web/broken.js": "const = ;\n",
}


def test_split_processes_find_exactly_what_one_process_per_tool_finds(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "project"
    write(root, PROJECT)
    whole = analyze(root, make_options(cache_dir=None, processes_per_tool=1))
    assert whole.stats.tool_runs == 2

    split = analyze(root, make_options(cache_dir=None, processes_per_tool=3))

    assert split.stats.tool_runs == 6
    assert [f.fingerprint for f in split.findings] == [f.fingerprint for f in whole.findings]
    assert {(f.tool, f.rule_id) for f in split.findings} >= {
        ("semgrep", "test.dangerous-call"),
        ("semgrep", "test.js-eval"),
        ("bandit", "B602"),
        ("bandit", "B301"),
    }
    assert split.notices == whole.notices
    assert any(n.path == "app/broken.py" for n in split.notices)


def test_a_containers_cpu_limit_caps_the_cores(tmp_path: Path) -> None:
    cpu_max = tmp_path / "cpu.max"
    cpu_max.write_text("150000 100000\n")
    assert workers._cgroup_cpu_quota(cpu_max) == 1.5
    cpu_max.write_text("max 100000\n")
    assert workers._cgroup_cpu_quota(cpu_max) is None
    assert workers._cgroup_cpu_quota(tmp_path / "absent") is None
    assert workers.available_cores() >= 1
