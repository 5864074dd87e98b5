"""Benchmark of the analyzer on a real mid-sized Python + JavaScript project.

    python bench/analyze.py              # builds $TMPDIR/vibe-bench/analyze-tree once; 5 runs
    python bench/analyze.py --runs 7 --tree DIR --rules DIR

The project is real code at fixed versions, fetched once with pip and npm into
~/.cache/vibe-bench: the Python packages of PY_PACKAGES under ``backend/``, and the JavaScript of
npm's own package (lib/ and a few of the dependencies it bundles) under ``frontend/``, where the
default node_modules exclusion does not drop it. It is made a git repository, as a CI checkout
is. Prints the median of each figure, wall-clock and CPU time (user + system, every process):

1. full scan (semgrep + bandit + secrets, empty cache) vs. semgrep alone as the analyzer runs it
   (``semgrep scan --experimental``, its own default ``--jobs``) with the same rules on the
   same files; goal ≤ 1.1x;
2. re-scan with nothing changed (goal ≤ 1 s, no tool started);
3. re-scan after a one-file change (goal ≤ semgrep's start-up on one file + 5 % of the full
   scan).

Every scan is a fresh ``python`` process, like ``vibe scan`` in CI. The machine's load average
is printed too: on a shared machine, compare CPU times.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.agents.analyzer.exclusions import PathFilter  # noqa: E402
from app.agents.analyzer.files import walk_worktree  # noqa: E402
from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR, load_rule_pack  # noqa: E402
from app.models.config import RepoConfig  # noqa: E402

# Outside the checkout: other benchmarks rebuild bench/.data as they please.
TREE = Path(tempfile.gettempdir()) / "vibe-bench" / "analyze-tree"
DOWNLOADS = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "vibe-bench"
# (distribution, version, top-level package): backend/<package>.
PY_PACKAGES = (
    ("requests", "2.34.2", "requests"),
    ("Jinja2", "3.1.6", "jinja2"),
    ("click", "8.4.2", "click"),
    ("Werkzeug", "3.1.8", "werkzeug"),
    ("Flask", "3.1.3", "flask"),
    ("rich", "15.0.0", "rich"),
    ("urllib3", "2.7.0", "urllib3"),
    ("PyYAML", "6.0.3", "yaml"),
)
NPM_VERSION = "11.19.1"
# Parts of npm's package (its dependencies are bundled in it): frontend/lib, frontend/packages/*.
JS_PARTS = (
    "lib",
    "node_modules/minimatch",
    "node_modules/semver",
    "node_modules/glob",
    "node_modules/node-gyp",
    "node_modules/tar",
    "node_modules/cacache",
)
RECIPE = json.dumps({"python": PY_PACKAGES, "npm": [NPM_VERSION, JS_PARTS]})

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


def fetch(argv: list[str], what: str) -> None:
    """Run a package client; a failure names what was being fetched and how to do without."""
    if shutil.which(argv[0]) is None:
        raise SystemExit(
            f"bench/analyze.py: `{argv[0]}` is not installed, and it fetches {what} for the "
            "benchmark's tree; install it, or pass --tree DIR (a project of your own)"
        )
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(
            f"bench/analyze.py: `{' '.join(argv[:4])} …` failed fetching {what}: "
            f"{proc.stderr.strip()[-600:]}; check the network, or pass --tree DIR"
        )


def python_sources(target: Path) -> None:
    wheels = DOWNLOADS / "wheels"
    pins = [f"{name}=={version}" for name, version, _ in PY_PACKAGES]
    if not all(_wheel(wheels, name, version) for name, version, _ in PY_PACKAGES):
        fetch(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "--dest", str(wheels), *pins],
            ", ".join(pins),
        )  # fmt: skip
    for name, version, package in PY_PACKAGES:
        with zipfile.ZipFile(_wheel(wheels, name, version) or "") as archive:
            for member in archive.namelist():
                if member.startswith(f"{package}/") and not member.endswith((".so", ".pyc")):
                    archive.extract(member, target)


def _wheel(wheels: Path, name: str, version: str) -> Path | None:
    prefix = f"{name.lower()}-{version}-"
    found = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(prefix)]
    return found[0] if found else None


def javascript_sources(target: Path) -> None:
    tarball = DOWNLOADS / f"npm-{NPM_VERSION}.tgz"
    if not tarball.is_file():
        DOWNLOADS.mkdir(parents=True, exist_ok=True)
        pack = ["npm", "pack", "--loglevel=error", f"npm@{NPM_VERSION}"]
        fetch([*pack, "--pack-destination", str(DOWNLOADS)], f"npm@{NPM_VERSION}'s JavaScript")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(tarball) as archive:
        archive.extractall(scratch, filter="data")
        package = Path(scratch) / "package"
        for part in JS_PARTS:
            source = package / part
            if not source.is_dir():
                raise SystemExit(
                    f"bench/analyze.py: {tarball} has no {part}/; delete it to refetch"
                )
            destination = target / part.replace("node_modules/", "packages/")
            shutil.copytree(source, destination, ignore=shutil.ignore_patterns("node_modules"))


def build_tree() -> Path:
    marker = TREE / ".built"
    if marker.is_file() and marker.read_text() == RECIPE:
        return TREE
    shutil.rmtree(TREE, ignore_errors=True)
    python_sources(TREE / "backend")
    javascript_sources(TREE / "frontend")
    git = ["git", "-C", str(TREE), "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run(["git", "init", "-q", str(TREE)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "tree"], check=True)
    marker.write_text(RECIPE)
    return TREE


def semgrep_targets(tree: Path, rules: Path) -> list[str]:
    pack = load_rule_pack(rules.resolve())
    inventory = walk_worktree(tree, PathFilter(RepoConfig()), 1_000_000)
    return [f.path for f in inventory.files if pack.path_class(f.path) is not None]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall-clock seconds, CPU seconds of the process and its children, stdout."""
    cpu = children_cpu()
    started = time.monotonic()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv[:3]} failed: {proc.stderr[-2000:]}")
    return elapsed, children_cpu() - cpu, proc.stdout


def semgrep_alone(tree: Path, rules: Path, targets: list[str]) -> tuple[float, float]:
    """``semgrep scan`` with the analyzer's front end (``--experimental``: its OCaml command
    line, the same engine and findings as the Python one, without its ~6 s of start-up) and
    semgrep's own default ``--jobs``."""
    argv = [
        "semgrep",
        "scan",
        "--experimental",
        "--project-root",
        ".",
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
    elapsed, cpu, _ = timed(argv, tree)
    return elapsed, cpu


def scan(tree: Path, rules: Path, cache: Path) -> tuple[float, float, dict[str, int]]:
    argv = [sys.executable, "-c", SCAN, str(tree), str(rules), str(cache)]
    elapsed, cpu, out = timed(argv, ROOT)
    return elapsed, cpu, json.loads(out)


def versus(ours: float, theirs: float) -> str:
    ratio = ours / theirs
    return f"{ratio:.2f}x slower" if ratio >= 1 else f"{1 / ratio:.2f}x faster"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
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
    if args.tree is None and not (0 < py < len(targets)):
        raise SystemExit(
            f"bench/analyze.py: {tree} has {py} Python and {len(targets) - py} other targets, "
            "not both halves; delete it to rebuild"
        )
    cores = len(os.sched_getaffinity(0))
    print(
        f"tree: {tree} ({py} Python + {len(targets) - py} other semgrep targets); "
        f"rules: {len(load_rule_pack(rules).rules)} in {rules}; {cores} cores, "
        f"load average {os.getloadavg()[0]:.2f}"
    )

    startup = statistics.median(
        semgrep_alone(tree, rules, targets[:1])[0] for _ in range(args.runs)
    )
    # Interleaved, so that both sides of each comparison see the same machine load.
    figures: dict[str, list[float]] = {
        name: [] for name in ("semgrep", "semgrep cpu", "full", "full cpu", "nochange", "onefile")
    }
    victim = tree / next(t for t in targets if t.endswith(".py"))
    original = victim.read_text()
    try:
        for run in range(args.runs):
            elapsed, cpu = semgrep_alone(tree, rules, targets)
            figures["semgrep"].append(elapsed)
            figures["semgrep cpu"].append(cpu)
            with tempfile.TemporaryDirectory(prefix="vibe-bench-cache-") as cache_dir:
                cache = Path(cache_dir)
                elapsed, cpu, first = scan(tree, rules, cache)
                figures["full"].append(elapsed)
                figures["full cpu"].append(cpu)
                elapsed, _, again = scan(tree, rules, cache)
                assert again["tool_runs"] == 0, again
                figures["nochange"].append(elapsed)
                victim.write_text(original + f"\nBENCH_RUN = {run}  # {time.time()}\n")
                elapsed, _, changed = scan(tree, rules, cache)
                figures["onefile"].append(elapsed)
                victim.write_text(original)
    finally:
        victim.write_text(original)

    median = {name: statistics.median(values) for name, values in figures.items()}
    goal_onefile = startup + 0.05 * median["full"]
    print(f"findings: {first['findings']}, tool processes in a full scan: {first['tool_runs']}")
    print(
        f"semgrep alone:            {median['semgrep']:6.2f} s  CPU {median['semgrep cpu']:5.1f} s"
        f"  (--experimental, default --jobs; start-up on one file {startup:.2f} s)"
    )
    print(
        f"full scan, empty cache:   {median['full']:6.2f} s  CPU {median['full cpu']:5.1f} s"
        f"  = {versus(median['full'], median['semgrep'])} than semgrep alone (goal ≤ 1.10x); "
        f"CPU {versus(median['full cpu'], median['semgrep cpu'])}"
    )
    print(f"re-scan, no change:       {median['nochange']:6.2f} s  (goal ≤ 1 s; 0 tools started)")
    print(
        f"re-scan, one file edited: {median['onefile']:6.2f} s  (goal ≤ {goal_onefile:.2f} s = "
        f"start-up + 5 % of full; tools started: {changed['tool_runs']})"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
