"""Benchmark of ``scan()`` on a large tree of real source, against simply reading every file.

    python bench/scan.py                 # builds bench/.data/scan-tree (~100k files) once
    python bench/scan.py --tree DIR      # or scan a tree you have
    python bench/scan.py --jobs 1 --runs 7

The built tree is copies of this interpreter's standard library and site-packages (hard links
where the file system allows, so it costs little disk), without __pycache__, symlinks and files
over the scanner's size cap, so every baseline reads the same files the scan may read. All runs
are warm: one untimed pass of each first. Prints the median of the runs.
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
import sysconfig
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.agents.scanner.scan import scan
from app.agents.scanner.walk import DEFAULT_MAX_FILE_SIZE

DATA = Path(__file__).resolve().parent / ".data"
TREE = DATA / "scan-tree"
MARKER = DATA / "scan-tree.json"
GITIGNORE = [
    "__pycache__/", "*.py[cod]", "*$py.class", ".Python", "develop-eggs/", "downloads/",
    "eggs/", ".eggs/", "sdist/", "wheels/", "share/python-wheels/", "*.egg-info/",
    ".installed.cfg", "*.egg", "MANIFEST", "pip-log.txt", "pip-delete-this-directory.txt",
    "htmlcov/", ".tox/", ".nox/", ".coverage", ".coverage.*", ".cache", "nosetests.xml",
    "coverage.xml", "*.cover", "*.py,cover", ".hypothesis/", ".pytest_cache/", "cover/",
    "*.mo", "*.pot", "local_settings.py", "db.sqlite3", "db.sqlite3-journal", "instance/",
    ".webassets-cache", ".scrapy", "docs/_build/", ".pybuilder/", "target/",
    ".ipynb_checkpoints", "profile_default/", "ipython_config.py", ".pdm.toml",
    "__pypackages__/", "celerybeat-schedule", "celerybeat.pid", "*.sage.py", ".env", ".venv",
    "env/", "venv/", "ENV/", "env.bak/", "venv.bak/", ".spyderproject", ".spyproject",
    ".ropeproject", "/site", ".mypy_cache/", ".dmypy.json", "dmypy.json", ".pyre/", ".pytype/",
    "cython_debug/",
]  # fmt: skip


def source_files() -> list[Path]:
    """Regular files of the standard library and site-packages, as a real tree holds them."""
    paths = sysconfig.get_paths()
    roots = {Path(paths["stdlib"]), Path(paths["purelib"]), Path(paths["platlib"])}
    files: dict[Path, None] = {}  # site-packages sits inside the standard library: list it once
    for root in sorted(roots):
        for directory, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                path = Path(directory, name)
                if path.is_symlink() or not path.is_file():
                    continue
                if path.stat().st_size <= DEFAULT_MAX_FILE_SIZE:
                    files[path] = None
    return list(files)


def build_tree(target_files: int) -> Path:
    if MARKER.exists() and json.loads(MARKER.read_text()).get("files", 0) >= target_files:
        return TREE
    shutil.rmtree(TREE, ignore_errors=True)
    sources = source_files()
    anchor = Path(sysconfig.get_paths()["stdlib"]).parent
    made = 0
    copy = 0
    while made < target_files:
        for source in sources:
            try:
                relative = source.relative_to(anchor)
            except ValueError:
                relative = Path(*source.parts[1:])
            destination = TREE / f"copy-{copy}" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, destination)
            except OSError:
                shutil.copyfile(source, destination)
            made += 1
            if made >= target_files:
                break
        copy += 1
    # A project's usual .gitignore (GitHub's Python template, less the lines that would hide
    # parts of this tree), so the scan pays for matching ignore rules as it would in a checkout.
    (TREE / ".gitignore").write_text("\n".join(GITIGNORE) + "\n")
    MARKER.write_text(json.dumps({"files": made + 1}))
    return TREE


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (scan workers, find, cat)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(function: Callable[[], object], runs: int) -> tuple[float, list[float], float]:
    """Median wall time, every run's wall time, and median CPU time: on a shared machine the
    CPU time says what the code costs when wall time says how busy the neighbours were."""
    function()  # warm the page cache and the dentry cache
    times = []
    cpu = []
    for _ in range(runs):
        cpu_started = cpu_seconds()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
        cpu.append(cpu_seconds() - cpu_started)
    return statistics.median(times), times, statistics.median(cpu)


def read_everything(tree: Path) -> int:
    """The baseline a scan should stay near: open and read every regular file once."""
    count = 0
    for directory, _dirnames, filenames in os.walk(tree):
        for name in filenames:
            with open(f"{directory}/{name}", "rb") as handle:
                handle.read()
            count += 1
    return count


def cat_everything(tree: Path) -> None:
    subprocess.run(f"find '{tree}' -type f -exec cat {{}} + > /dev/null", shell=True, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="scan this tree instead of building one")
    parser.add_argument("--files", type=int, default=100_000, help="files in the built tree")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--jobs",
        type=int,
        action="append",
        help="scan workers; repeat to compare (default: 1 and one per core)",
    )
    args = parser.parse_args()
    tree = args.tree or build_tree(args.files)
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    jobs = args.jobs or sorted({1, cores})

    report = scan(tree)
    files = report.files.total
    print(
        f"tree: {tree}: {files:,} files ({report.files.counted:,} counted, "
        f"{report.files.ignored:,} ignored, "
        f"{report.files.vendored:,} vendored, {report.files.binary:,} binary), "
        f"{len(report.manifests)} manifests, {cores} cores, load {os.getloadavg()[0]:.2f}"
    )
    read_time, _, read_cpu = timed(lambda: read_everything(tree), args.runs)
    cat_time, _, cat_cpu = timed(lambda: cat_everything(tree), args.runs)
    print(
        f"python loop reading every file: median {read_time:.3f}s = "
        f"{files / read_time:,.0f} files/s (cpu {read_cpu:.2f}s)"
    )
    print(
        f"find -type f -exec cat {{}} +:   median {cat_time:.3f}s = "
        f"{files / cat_time:,.0f} files/s (cpu {cat_cpu:.2f}s)"
    )
    for workers in jobs:
        scan_time, runs, scan_cpu = timed(partial(scan, tree, workers=workers), args.runs)
        print(
            f"scan, {workers} worker(s): median {scan_time:.3f}s = "
            f"{files / scan_time:,.0f} files/s (cpu {scan_cpu:.2f}s = "
            f"{files / scan_cpu:,.0f} files per cpu-second); "
            f"{scan_time / read_time:.2f}x the python read loop, {scan_time / cat_time:.2f}x cat; "
            f"runs: {', '.join(f'{t:.2f}' for t in runs)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
