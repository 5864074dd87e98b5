"""Benchmark of the reviewer's context building: a 200-file pull request (real diff text from a
pygit2 repository) chunked, ranked and fitted into a model's context with litellm's token
counter. Goal: ≤ 1 s.

    python bench/review.py                 # 200 files, 5 runs
    python bench/review.py --files 20 --runs 1

Measured: reading the diff from git (``file_diffs``) and building the context (``build_context``
with ``litellm.token_counter``), separately; importing litellm is not counted (the worker does it
once). Prints the median of each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygit2  # noqa: E402

from app.agents.docs.model import load_litellm  # noqa: E402
from app.agents.reviewer.agent import DEFAULT_CONTEXT_TOKENS  # noqa: E402
from app.agents.reviewer.context import build_context  # noqa: E402
from app.agents.reviewer.gitdiff import file_diffs  # noqa: E402
from app.agents.reviewer.models import ReviewInput  # noqa: E402

MODEL = "openai/gpt-4o-mini"


def _module(index: int, version: int) -> str:
    """About 120 lines of plausible Python; ``version`` changes a few functions in it."""
    lines = [f'"""Module {index}."""', "", "import os", ""]
    for fn in range(20):
        changed = version and fn % 4 == 0
        body = f"value * {fn + 1}" if not changed else f"os.environ.get('K{fn}', value) * {fn}"
        lines += [
            f"def handler_{fn}(value, *, retries={fn}):",
            f'    """Handle case {fn} of module {index}."""',
            f"    result = {body}",
            "    return result",
            "",
        ]
    return "\n".join(lines) + "\n"


def _repository(directory: Path, files: int) -> tuple[pygit2.Repository, str, str]:
    repo = pygit2.init_repository(str(directory), bare=True)
    signature = pygit2.Signature("Bench", "bench@example.com")
    shas: list[str] = []
    for version in (0, 1):
        index = pygit2.Index()
        for number in range(files):
            folder = ("api", "auth", "web", "core", "tests")[number % 5]
            blob = repo.create_blob(_module(number, version).encode())
            path = f"{folder}/module_{number:03}.py"
            index.add(pygit2.IndexEntry(path, blob, pygit2.enums.FileMode.BLOB))
        tree = index.write_tree(repo)
        parents = [pygit2.Oid(hex=shas[-1])] if shas else []
        shas.append(str(repo.create_commit(None, signature, signature, "v", tree, parents)))
    return repo, shas[0], shas[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=int, default=DEFAULT_CONTEXT_TOKENS)
    args = parser.parse_args()
    litellm = load_litellm()

    def count(text: str) -> int:
        return int(litellm.token_counter(model=MODEL, text=text))

    with tempfile.TemporaryDirectory(prefix="vibe-bench-review-") as scratch:
        repo, base, head = _repository(Path(scratch) / "repo.git", args.files)
        count("warm up the tokenizer")
        diff_times: list[float] = []
        context_times: list[float] = []
        for _ in range(args.runs):
            started = time.perf_counter()
            files = file_diffs(repo, base, head)
            diff_times.append(time.perf_counter() - started)
            review_input = ReviewInput(base_sha=base, head_sha=head, files=files)
            started = time.perf_counter()
            context = build_context(review_input, args.budget, count)
            context_times.append(time.perf_counter() - started)
    diff_s, context_s = statistics.median(diff_times), statistics.median(context_times)
    print(f"files changed:        {len(files)}")
    print(f"diff read (pygit2):   {diff_s:.3f} s")
    print(
        f"context built:        {context_s:.3f} s  ({len(context.chunks)} files shown, "
        f"{len(context.partial)} in part, {len(context.left_out)} left out, "
        f"{context.tokens} of {args.budget} tokens)"
    )
    total = diff_s + context_s
    verdict = "met" if total <= 1.0 else "NOT met"
    print(f"total:                {total:.3f} s  (goal ≤ 1 s: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
