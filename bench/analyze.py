"""Benchmark of the analyzer on a real mid-sized Python + JavaScript project.

    python bench/analyze.py              # builds $TMPDIR/vibe-bench/analyze-tree once; 3 runs
    python bench/analyze.py --runs 5 --tree DIR --rules DIR

The project is real code copied from this interpreter's site-packages (requests, jinja2, click,
werkzeug, flask, rich, urllib3, yaml) and npm's own JavaScript (lib/ and a few of its
dependencies, placed under ``frontend/`` so the default node_modules exclusion keeps them).
It is made a git repository, as a CI checkout is. Prints the median of each figure:

1. full scan (empty cache) vs. semgrep alone on the same target list (goal ≤ 1.1x);
2. re-scan with nothing changed (goal ≤ 1 s, no tool started);
3. re-scan after a one-file change (goal ≤ tool start-up + 5 % of the full scan).

Every scan is a fresh ``python`` process, like ``vibe scan`` in CI.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.agents.analyzer.exclusions import PathFilter  # noqa: E402
from app.agents.analyzer.files import walk_worktree  # noqa: E402
from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR, load_rule_pack  # noqa: E402
from app.models.config import RepoConfig  # noqa: E402

# Outside the checkout: other benchmarks rebuild bench/.data as they please.
TREE = Path(tempfile.gettempdir()) / "vibe-bench" / "analyze-tree"
PY_PACKAGES = ("requests", "jinja2", "click", "werkzeug", "flask", "rich", "urllib3", "yaml")
NPM = Path("/usr/lib/node_modules/npm")
JS_PACKAGES = (
    "lib",
    "node_modules/minimatch",
    "node_modules/semver",
    "node_modules/glob",
    "node_modules/node-gyp",
    "node_modules/tar",
    "node_modules/cacache",
)

SCAN = """
import json, sys, time
from pathlib import Path
t = time.monotonic()
from app.agents.analyzer.engine import AnalysisOptions, analyze
report = analyze(Path(sys.argv[1]), AnalysisOptions(rules_dir=Path(sys.argv[2]),
                 cache_dir=Path(sys.argv[3])))
print(json.dumps({"findings": len(report.findings), "tool_runs": report.stats.tool_runs,
                  "misses": report.stats.cache_misses}))
"""


def build_tree() -> Path:
    if (TREE / ".built").exists():
        return TREE
    shutil.rmtree(TREE, ignore_errors=True)
    site = Path(sysconfig.get_paths()["purelib"])
    for package in PY_PACKAGES:
        if (site / package).is_dir():
            shutil.copytree(
                site / package,
                TREE / "backend" / package,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.so"),
            )
    for part in JS_PACKAGES:
        source = NPM / part
        if source.is_dir():
            target = TREE / "frontend" / part.replace("node_modules/", "packages/")
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("node_modules"))
    subprocess.run(["git", "init", "-q", str(TREE)], check=True)
    subprocess.run(["git", "-C", str(TREE), "add", "-A"], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(TREE),
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.com",
            "commit",
            "-qm",
            "tree",
        ],
        check=True,
    )
    (TREE / ".built").write_text("")
    return TREE


def semgrep_targets(tree: Path, rules: Path) -> list[str]:
    pack = load_rule_pack(rules.resolve())
    inventory = walk_worktree(tree, PathFilter(RepoConfig()), 1_000_000)
    return [f.path for f in inventory.files if pack.path_class(f.path) is not None]


def timed(argv: list[str], cwd: Path) -> tuple[float, str]:
    started = time.monotonic()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv[:3]} failed: {proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def semgrep_alone(tree: Path, rules: Path, targets: list[str], *, native: bool = False) -> float:
    """``semgrep scan`` as a user runs it; ``native``: its OCaml front end, which the analyzer
    uses (``--experimental --project-root .``)."""
    front_end = ["--experimental", "--project-root", "."] if native else []
    argv = [
        "semgrep",
        "scan",
        *front_end,
        "--config",
        str(rules),
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--no-git-ignore",
        "--quiet",
        "--",
        *targets,
    ]
    return timed(argv, tree)[0]


def scan(tree: Path, rules: Path, cache: Path) -> tuple[float, dict[str, int]]:
    elapsed, out = timed([sys.executable, "-c", SCAN, str(tree), str(rules), str(cache)], ROOT)
    return elapsed, json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path)
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES_DIR)
    args = parser.parse_args()
    tree = (args.tree or build_tree()).resolve()
    # A snapshot, so that rules edited meanwhile cannot change the pack between two scans.
    rules = TREE.parent / "rules"
    shutil.rmtree(rules, ignore_errors=True)
    shutil.copytree(args.rules.resolve(), rules)
    targets = semgrep_targets(tree, rules)
    py = sum(1 for t in targets if t.endswith(".py"))
    print(
        f"tree: {tree} ({py} Python + {len(targets) - py} other semgrep targets); "
        f"rules: {len(load_rule_pack(rules).rules)} in {rules}"
    )

    startup = statistics.median(semgrep_alone(tree, rules, targets[:1]) for _ in range(args.runs))
    # Interleaved, so that both sides of each comparison see the same machine load.
    semgrep_times: list[float] = []
    native_times: list[float] = []
    full: list[float] = []
    nochange: list[float] = []
    onefile: list[float] = []
    cpu: dict[str, list[float]] = {"semgrep": [], "full": []}
    victim = tree / next(t for t in targets if t.endswith(".py"))
    original = victim.read_text()
    try:
        for run in range(args.runs):
            before = children_cpu()
            semgrep_times.append(semgrep_alone(tree, rules, targets))
            cpu["semgrep"].append(children_cpu() - before)
            native_times.append(semgrep_alone(tree, rules, targets, native=True))
            with tempfile.TemporaryDirectory(prefix="vibe-bench-cache-") as cache_dir:
                cache = Path(cache_dir)
                before = children_cpu()
                elapsed, first = scan(tree, rules, cache)
                cpu["full"].append(children_cpu() - before)
                full.append(elapsed)
                elapsed, again = scan(tree, rules, cache)
                assert again["tool_runs"] == 0, again
                nochange.append(elapsed)
                victim.write_text(original + f"\nBENCH_RUN = {run}  # {time.time()}\n")
                elapsed, changed = scan(tree, rules, cache)
                onefile.append(elapsed)
                victim.write_text(original)
    finally:
        victim.write_text(original)

    semgrep_median = statistics.median(semgrep_times)
    full_median = statistics.median(full)
    goal_onefile = startup + 0.05 * full_median
    print(f"findings: {first['findings']}, tool processes in a full scan: {first['tool_runs']}")
    print(
        f"semgrep alone:           {semgrep_median:6.2f} s  (start-up on one file {startup:.2f} s)"
    )
    native_median = statistics.median(native_times)
    print(f"semgrep alone, native:   {native_median:6.2f} s  (its --experimental front end)")
    print(
        f"full scan, empty cache:  {full_median:6.2f} s  = {full_median / semgrep_median:.2f}x "
        f"semgrep alone (goal ≤ 1.10x); {full_median / native_median:.2f}x its native front "
        "end alone (bandit's own time is the difference)"
    )
    print(
        f"CPU seconds (user+sys):  semgrep alone {statistics.median(cpu['semgrep']):.1f}, "
        f"full scan {statistics.median(cpu['full']):.1f}"
    )
    print(
        f"re-scan, no change:      {statistics.median(nochange):6.2f} s  (goal ≤ 1 s; "
        "0 tools started)"
    )
    print(
        f"re-scan, one file edited:{statistics.median(onefile):6.2f} s  (goal ≤ "
        f"{goal_onefile:.2f} s = start-up + 5 % of full; tools started: "
        f"{changed['tool_runs']})"
    )


if __name__ == "__main__":
    main()
