"""Benchmark of ``scan()`` (what ``vibe scan --no-analyze`` runs) on a tree of real repositories,
against reading every file it lists with as many processes as it has workers.

    python bench/scan.py                   # builds bench/.data/scan-repos (~90k files) once
    python bench/scan.py --corpus stdlib   # this interpreter's stdlib and site-packages instead
    python bench/scan.py --tree DIR        # or a tree you have
    python bench/scan.py --jobs 1 --runs 7

The repositories tree is copies (hard links) of five open-source projects as they are
published, with their manifests and lock files, until it holds ``--files`` files:

    flask 3.1.0      Python      PyPI sdist: 4 pyproject.toml, 8 requirements files (7 written
                                 by pip-compile, every version pinned)
    pydantic 2.10.4  Python      PyPI sdist, and the uv.lock `uv lock` makes for it (130 packages,
                                 519 kB)
    eslint 9.17.0    JavaScript  npm tarball, and the package-lock.json `npm install
                                 --package-lock-only` makes for it (1,600 packages, 646 kB)
    express 4.21.2   JavaScript  npm tarball, and its package-lock.json (400 packages, 146 kB)
    gin 1.8.1        Go          Debian's golang-github-gin-gonic-gin-dev: the module with its
                                 go.mod and go.sum

A copy is 1,060 files and 21 manifests, 3 of them lock files; 85 copies make 90,100 files and
1,785 manifests. Only package registries are used (PyPI, npm, Debian), and what they gave is
kept in ~/.cache/vibe-bench/scan, the lock files included (made once: uv resolves as of 2025-01-01,
npm as of the day it first ran), so a rebuild makes the same tree. The stdlib corpus is copies
of the standard library and site-packages: real source, almost no manifests.

Both baselines read every file the scan lists (not ignored, not vendored), whole, split over
the same number of processes as the scan's workers: a Python loop of os.open/os.read, and cat
under ``xargs -P``. All runs are warm (one untimed pass of each first); the medians are printed,
with the CPU time of the process tree, which a busy machine disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.agents.scanner.scan import scan
from app.agents.scanner.walk import DEFAULT_MAX_FILE_SIZE, WalkOptions
from app.agents.scanner.walk_pool import walk_tree

DATA = Path(__file__).resolve().parent / ".data"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vibe-bench" / "scan"
LOCKED_AS_OF = "2025-01-01"
# Bump when the recipe below changes, so that an old tree is rebuilt.
RECIPE = 1


@dataclass(frozen=True)
class Project:
    folder: str
    language: str
    origin: str


PROJECTS = (
    Project("flask-3.1.0", "Python", "PyPI sdist"),
    Project("pydantic-2.10.4", "Python", "PyPI sdist + uv.lock"),
    Project("eslint-9.17.0", "JavaScript", "npm tarball + package-lock.json"),
    Project("express-4.21.2", "JavaScript", "npm tarball + package-lock.json"),
    Project("gin-1.8.1", "Go", "Debian golang-github-gin-gonic-gin-dev"),
)
# The stdlib corpus gets GitHub's Python .gitignore at its root (less the lines that would hide
# parts of it), so the scan pays for matching ignore rules as it would in a checkout.
STDLIB_GITIGNORE = [
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
GIN_DEB = "golang-github-gin-gonic-gin-dev"
GIN_SOURCE = "usr/share/gocode/src/github.com/gin-gonic/gin"


def run(command: list[str], cwd: Path | None = None) -> None:
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def cached(name: str, make: Callable[[Path], None]) -> Path:
    """``CACHE/name``, made once by ``make(path)`` (which writes it)."""
    path = CACHE / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial_path = path.with_name(path.name + ".partial")
        make(partial_path)
        partial_path.rename(path)
    return path


def pypi_sdist(name: str, version: str) -> Path:
    def download(target: Path) -> None:
        with tempfile.TemporaryDirectory() as folder:
            spec = f"{name}=={version}"
            run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                 "--quiet", "-d", folder, spec])  # fmt: skip
            shutil.move(next(Path(folder).glob("*.tar.gz")), target)

    return cached(f"pypi/{name}-{version}.tar.gz", download)


def npm_tarball(name: str, version: str) -> Path:
    def download(target: Path) -> None:
        with tempfile.TemporaryDirectory() as folder:
            run(["npm", "pack", "--silent", f"{name}@{version}", "--pack-destination", folder])
            shutil.move(next(Path(folder).glob("*.tgz")), target)

    return cached(f"npm/{name}-{version}.tgz", download)


def debian_package(name: str) -> Path:
    def download(target: Path) -> None:
        with tempfile.TemporaryDirectory() as folder:
            if subprocess.run(["apt-get", "download", name], cwd=folder).returncode != 0:
                run(["apt-get", "update", "-qq"])
                run(["apt-get", "download", name], cwd=Path(folder))
            shutil.move(next(Path(folder).glob("*.deb")), target)

    return cached(f"deb/{name}.deb", download)


def uv_lock(project: Path, name: str) -> Path:
    def lock(target: Path) -> None:
        uv = cached("uv-venv", make_uv_venv) / "bin" / "uv"
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder) / "project"
            shutil.copytree(project, work)
            pyproject = work / "pyproject.toml"
            # pydantic's docs group names a git branch; the registry release stands in for it.
            text = pyproject.read_text().replace(
                "'pydantic-extra-types @ git+https://github.com/pydantic/pydantic-extra-types"
                ".git@main'",
                "'pydantic-extra-types'",
            )
            pyproject.write_text(text)
            run([str(uv), "lock", "--quiet", "--exclude-newer", f"{LOCKED_AS_OF}T00:00:00Z"],
                cwd=work)  # fmt: skip
            shutil.move(work / "uv.lock", target)

    return cached(f"locks/{name}.uv.lock", lock)


def make_uv_venv(target: Path) -> None:
    run([sys.executable, "-m", "venv", str(target)])
    run([str(target / "bin" / "pip"), "install", "--quiet", "uv"])


def npm_lock(project: Path, name: str) -> Path:
    def lock(target: Path) -> None:
        with tempfile.TemporaryDirectory() as folder:
            shutil.copy(project / "package.json", folder)
            run(["npm", "install", "--package-lock-only", "--ignore-scripts", "--no-audit",
                 "--no-fund", "--silent"], cwd=Path(folder))  # fmt: skip
            shutil.move(Path(folder) / "package-lock.json", target)

    return cached(f"locks/{name}.package-lock.json", lock)


def unpack(archive: Path, target: Path) -> None:
    """A tarball's single top folder (``flask-3.1.0/``, npm's ``package/``) as ``target``."""
    with tempfile.TemporaryDirectory() as folder, tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
        (top,) = Path(folder).iterdir()
        shutil.move(top, target)


def build_copy(target: Path) -> None:
    """One copy of the five projects, with their lock files, in ``target``."""
    target.mkdir(parents=True)
    unpack(pypi_sdist("flask", "3.1.0"), target / "flask-3.1.0")
    pydantic = target / "pydantic-2.10.4"
    unpack(pypi_sdist("pydantic", "2.10.4"), pydantic)
    shutil.copy(uv_lock(pydantic, "pydantic-2.10.4"), pydantic / "uv.lock")
    for name, version in (("eslint", "9.17.0"), ("express", "4.21.2")):
        project = target / f"{name}-{version}"
        unpack(npm_tarball(name, version), project)
        shutil.copy(npm_lock(project, f"{name}-{version}"), project / "package-lock.json")
    with tempfile.TemporaryDirectory() as folder:
        run(["dpkg", "-x", str(debian_package(GIN_DEB)), folder])
        shutil.move(Path(folder) / GIN_SOURCE, target / "gin-1.8.1")


def build_repos_tree(target_files: int) -> Path:
    tree = DATA / "scan-repos"
    marker = DATA / "scan-repos.json"
    wanted = {"recipe": RECIPE, "target": target_files}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    first = tree / "copy-0"
    build_copy(first)
    files = [path.relative_to(first) for path in sorted(first.rglob("*")) if path.is_file()]
    for copy in range(1, math.ceil(target_files / len(files))):
        for relative in files:
            destination = tree / f"copy-{copy}" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.link(first / relative, destination)
    marker.write_text(json.dumps(wanted))
    return tree


def stdlib_files() -> list[Path]:
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


def build_stdlib_tree(target_files: int) -> Path:
    tree = DATA / "scan-tree"
    marker = DATA / "scan-tree.json"
    if marker.exists() and json.loads(marker.read_text()).get("files", 0) >= target_files:
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    sources = stdlib_files()
    anchor = Path(sysconfig.get_paths()["stdlib"]).parent
    made = 0
    copy = 0
    while made < target_files:
        for source in sources:
            try:
                relative = source.relative_to(anchor)
            except ValueError:
                relative = Path(*source.parts[1:])
            destination = tree / f"copy-{copy}" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, destination)
            except OSError:
                shutil.copyfile(source, destination)
            made += 1
            if made >= target_files:
                break
        copy += 1
    (tree / ".gitignore").write_text("\n".join(STDLIB_GITIGNORE) + "\n")
    marker.write_text(json.dumps({"files": made + 1}))
    return tree


def describe(tree: Path) -> str:
    """What the repositories tree is made of, counted from its first copy and its size."""
    copies = sum(1 for path in tree.iterdir() if path.name.startswith("copy-"))
    report = scan(tree / "copy-0")
    parts = []
    for project in PROJECTS:
        manifests = [m for m in report.manifests if m.path.startswith(project.folder + "/")]
        locks = sum(1 for m in manifests if m.kind == "lockfile")
        files = sum(1 for path in (tree / "copy-0" / project.folder).rglob("*") if path.is_file())
        parts.append(
            f"  {project.folder} ({project.language}, {project.origin}): {files:,} files, "
            f"{len(manifests)} manifests ({locks} lock files)"
        )
    return f"{copies} copies of:\n" + "\n".join(parts)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (scan workers, readers, cat)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    runs: list[float]


def timed(function: Callable[[], object], runs: int) -> Timing:
    """Median wall and CPU time over ``runs`` runs, after one untimed run that warms the page
    cache and the dentry cache."""
    function()
    walls = []
    cpus = []
    for _ in range(runs):
        cpu_started = cpu_seconds()
        started = time.perf_counter()
        function()
        walls.append(time.perf_counter() - started)
        cpus.append(cpu_seconds() - cpu_started)
    return Timing(statistics.median(walls), statistics.median(cpus), walls)


def listed_files(tree: Path) -> list[str]:
    """Every file the scan lists (what .gitignore hides and vendored folders left out)."""
    walked = walk_tree(str(tree.absolute()), WalkOptions(), lambda relpath: False)
    return [f"{tree.absolute()}/{walked.real_paths.get(path, path)}" for path in walked.paths]


def read_files(paths: list[str]) -> None:
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.read(fd, os.fstat(fd).st_size)
        finally:
            os.close(fd)


def read_with_processes(paths: list[str], processes: int) -> None:
    if processes == 1:
        read_files(paths)
        return
    size = math.ceil(len(paths) / processes)
    shares = [paths[start : start + size] for start in range(0, len(paths), size)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pool.map(read_files, shares)


def cat_with_processes(names: bytes, processes: int) -> None:
    command = ["xargs", "-0", "-P", str(processes), "-n", "2000", "cat"]
    subprocess.run(command, input=names, stdout=subprocess.DEVNULL, check=True)


TIMES = "\N{MULTIPLICATION SIGN}"


def compared(scan_time: float, baseline: float, what: str) -> str:
    ratio = scan_time / baseline
    if ratio >= 1:
        return f"{ratio:.1f}{TIMES} slower than {what}"
    return f"{1 / ratio:.1f}{TIMES} faster than {what}"


def measure(tree: Path, files: int, workers: int, runs: int) -> None:
    paths = listed_files(tree)
    names = b"\0".join(os.fsencode(path) for path in paths)
    label = "1 process" if workers == 1 else f"{workers} processes"
    read = timed(partial(read_with_processes, paths, workers), runs)
    cat = timed(partial(cat_with_processes, names, workers), runs)
    scanned = timed(partial(scan, tree, workers=workers), runs)
    print(f"with {label} ({len(paths):,} files read by the baselines):")
    print(
        f"  python os.read loop: median {read.wall:.3f} s = {files / read.wall:,.0f} files/s "
        f"(cpu {read.cpu:.2f} s)"
    )
    print(
        f"  xargs -P {workers} cat:      median {cat.wall:.3f} s = {files / cat.wall:,.0f} files/s "
        f"(cpu {cat.cpu:.2f} s)"
    )
    print(
        f"  scan, {workers} worker{'s' if workers > 1 else ''}: median {scanned.wall:.3f} s = "
        f"{files / scanned.wall:,.0f} files/s (cpu {scanned.cpu:.2f} s = "
        f"{files / scanned.cpu:,.0f} files per cpu-second); runs: "
        f"{', '.join(f'{t:.2f}' for t in scanned.runs)}"
    )
    print(
        f"  the scan is {compared(scanned.wall, read.wall, f'reading every file with {label}')}"
        f" (in cpu time {compared(scanned.cpu, read.cpu, 'that')}), "
        f"{compared(scanned.wall, cat.wall, f'cat with {label}')}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="scan this tree instead of building one")
    parser.add_argument("--corpus", choices=("repos", "stdlib"), default="repos")
    parser.add_argument(
        "--files", type=int, help="files in the built tree (repos: 90,000; stdlib: 100,000)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--jobs",
        type=int,
        action="append",
        help="scan workers; repeat to compare (default: 1 and one per core)",
    )
    args = parser.parse_args()
    if args.tree:
        tree = args.tree
    elif args.corpus == "repos":
        tree = build_repos_tree(args.files or 90_000)
    else:
        tree = build_stdlib_tree(args.files or 100_000)
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    jobs = args.jobs or sorted({1, cores})

    report = scan(tree)
    files = report.files.total
    locks = sum(1 for manifest in report.manifests if manifest.kind == "lockfile")
    print(
        f"tree: {tree}: {files:,} files ({report.files.counted:,} counted, "
        f"{report.files.ignored:,} ignored, {report.files.vendored:,} vendored, "
        f"{report.files.binary:,} binary), {len(report.manifests):,} manifests "
        f"({locks} lock files), {len(report.dependencies):,} dependencies; "
        f"{cores} cores, load {os.getloadavg()[0]:.2f}"
    )
    if not args.tree and args.corpus == "repos":
        print(describe(tree))
    for workers in jobs:
        measure(tree, files, workers, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
