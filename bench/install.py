"""A fresh install as a new user and as the GitHub Action meet it, timed; and CI's resolver guard.

    python bench/install.py              # the README's install commands and the Action's step
    python bench/install.py --check      # CI: resolve without backtracking, within a time limit

Every install runs in a new virtual environment with the pip that `python3 -m venv` ships, an
empty download cache (`--no-cache-dir`, `UV_NO_CACHE`) and no pip configuration of this machine
(`PIP_CONFIG_FILE=/dev/null`, no `PIP_*` variables: no local wheel folders or mirrors), so
every package comes from the registry as it would for a user.

- `pip install ".[server]"` (the README's run command) and `pip install -e ".[dev]"` (its test
  command): wall time, and whether pip backtracked (goal: no backtracking, ≤ 3 minutes).
- The Action's install step (`actions/install.sh install`, what `action.yml` runs): cold, on an
  empty cache; warm, after restoring the environment the way `actions/cache` does (a
  zstd-compressed tar extracted in place) — the archive's download from GitHub's cache service
  is not part of the figure; its size is printed (goal: cold ≤ 60 s, warm ≤ 10 s).

`--check` resolves the project's core and `[dev]` sets with `pip install --dry-run
--ignore-installed` and fails (exit 1) when pip backtracks (a dependency release that makes the
resolver walk back through old versions) or takes longer than `--limit` seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKTRACKING = "pip is looking at multiple versions of"


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without pip's configuration: the registry, and nothing else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", UV_NO_CACHE="1")
    env.update(extra)
    return env


def new_venv(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    return where / "bin" / "python"


def timed(argv: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{proc.stderr[-3000:]}")
    return elapsed, proc.stdout + proc.stderr


def pip_install(spec: str, editable: bool) -> tuple[float, bool]:
    with tempfile.TemporaryDirectory(prefix="vibe-install-") as tmp:
        python = new_venv(Path(tmp) / "venv")
        argv = [str(python), "-m", "pip", "install", "--no-cache-dir"]
        argv += ["-e", spec] if editable else [spec]
        elapsed, output = timed(argv, clean_env(), cwd=ROOT)
        return elapsed, BACKTRACKING in output


def action_install(home: Path) -> float:
    env = clean_env(
        PYTHON=sys.executable,
        VIBE_HOME=str(home),
        PY_VERSION=".".join(map(str, sys.version_info[:3])),
        GITHUB_PATH=str(home / "github_path"),
    )
    elapsed, _ = timed(["bash", str(ROOT / "actions" / "install.sh"), "install"], env)
    vibe = home / "bin" / "vibe"
    subprocess.run([str(vibe), "--version"], check=True, capture_output=True)
    return elapsed


def action_runs(runs: int) -> tuple[list[float], list[float], int]:
    cold: list[float] = []
    warm: list[float] = []
    archive_size = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="vibe-action-") as tmp:
            home = Path(tmp) / "vibeintelligence"
            cold.append(action_install(home))
            archive = Path(tmp) / "cache.tzst"
            # What actions/cache saves and restores: the path, as a zstd-compressed tar.
            subprocess.run(
                [
                    "tar",
                    "--posix",
                    "-cf",
                    str(archive),
                    "--use-compress-program",
                    "zstd -T0",
                    "-C",
                    str(home),
                    "venv",
                ],
                check=True,
            )
            archive_size = archive.stat().st_size
            shutil.rmtree(home)
            home.mkdir()
            start = time.perf_counter()
            subprocess.run(
                [
                    "tar",
                    "-xf",
                    str(archive),
                    "--use-compress-program",
                    "zstd -d -T0",
                    "-C",
                    str(home),
                ],
                check=True,
            )
            restore = time.perf_counter() - start
            warm.append(restore + action_install(home))
    return cold, warm, archive_size


def check(limit: float) -> int:
    failed = False
    for spec in (".", ".[dev]"):
        with tempfile.TemporaryDirectory(prefix="vibe-resolve-") as tmp:
            python = new_venv(Path(tmp) / "venv")
            argv = [
                str(python),
                "-m",
                "pip",
                "install",
                "--dry-run",
                "--ignore-installed",
                "--no-cache-dir",
                "--report",
                str(Path(tmp) / "report.json"),
                spec,
            ]
            start = time.perf_counter()
            try:
                proc = subprocess.run(
                    argv,
                    env=clean_env(),
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=limit,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                print(f"resolve {spec}: still resolving after {limit:.0f} s", file=sys.stderr)
                failed = True
                continue
            elapsed = time.perf_counter() - start
            output = proc.stdout + proc.stderr
            walked = sorted(
                {
                    line.split(BACKTRACKING, 1)[1].split(" to ")[0].strip()
                    for line in output.splitlines()
                    if BACKTRACKING in line
                }
            )
            if proc.returncode != 0:
                print(f"resolve {spec}: pip failed\n{output[-3000:]}", file=sys.stderr)
                failed = True
            elif walked:
                print(
                    f"resolve {spec}: pip backtracked over {', '.join(walked)} "
                    f"({elapsed:.0f} s); bound them in pyproject.toml",
                    file=sys.stderr,
                )
                failed = True
            else:
                print(f"resolve {spec}: {elapsed:.1f} s, no backtracking")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="CI's resolver guard only")
    parser.add_argument("--limit", type=float, default=300.0, help="--check's time limit, s")
    parser.add_argument("--runs", type=int, default=3, help="runs of each install")
    parser.add_argument("--skip-pip", action="store_true", help="only the Action's step")
    args = parser.parse_args()
    if args.check:
        return check(args.limit)

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if not args.skip_pip:
        for label, spec, editable in (
            ('pip install ".[server]"', ".[server]", False),
            ('pip install -e ".[dev]"', ".[dev]", True),
        ):
            times, walked = [], False
            for _ in range(args.runs):
                elapsed, backtracked = pip_install(spec, editable)
                times.append(elapsed)
                walked = walked or backtracked
            print(
                f"{label}: median {statistics.median(times):.1f} s over {len(times)} runs "
                f"(min {min(times):.1f}, max {max(times):.1f}); "
                f"{'BACKTRACKED' if walked else 'no backtracking'} (goal ≤ 180 s)"
            )
    cold, warm, size = action_runs(args.runs)
    print(
        f"Action install, cold: median {statistics.median(cold):.1f} s over {len(cold)} runs "
        f"(min {min(cold):.1f}, max {max(cold):.1f}; goal ≤ 60 s)"
    )
    print(
        f"Action install, warm: median {statistics.median(warm):.2f} s over {len(warm)} runs "
        f"(min {min(warm):.2f}, max {max(warm):.2f}; goal ≤ 10 s); cache archive "
        f"{size / 1e6:.0f} MB, whose download from the cache service is not included"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
