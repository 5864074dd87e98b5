"""``vibe review PATH --base REF``: review the commits of ``HEAD`` (or ``--head``) since the merge
base with ``REF``, as markdown or JSON; ``--describe`` prints the pull request description
section instead.

Works with no network: without ``VIBE_LLM_MODEL`` (or ``--model``), or with ``--offline``, the
deterministic reviewer writes from the review's facts (:mod:`app.agents.reviewer.facts`) and
the analyzer's findings; ``--format json`` carries the facts too. Committed changes only:
the working tree is not read. litellm, pygit2 and the analyzer load inside :func:`run`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING, Any

from app.cli.model_options import command_settings, model_chain, print_failed_calls
from app.errors import UsageError
from app.printable import printable, printable_lines

if TYPE_CHECKING:
    from app.agents.docs.model import ModelConfig
    from app.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review the commits since a base ref (markdown or JSON; works offline)",
        description=(
            "Review HEAD (or --head) against the merge base with --base: a summary, risks and "
            "comments on changed lines. With VIBE_LLM_MODEL (or --model) a language model "
            "reviews, checked against the diff; without one, or when it fails, a deterministic "
            "reviewer reports the definitions added, changed and removed, each dependency move "
            "with the manifest or lock file it came from, the files by section and the new "
            "findings. --format json carries these as `facts`."
        ),
    )
    parser.add_argument("path", nargs="?", default=".", help="a path inside the repository")
    parser.add_argument("--base", required=True, metavar="REF", help="what the change is onto")
    parser.add_argument("--head", default="HEAD", metavar="REF", help="default: HEAD")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--model", metavar="MODEL", help="litellm model (default: VIBE_LLM_MODEL)")
    parser.add_argument("--offline", action="store_true", help="never call a model")
    parser.add_argument(
        "--describe", action="store_true", help="print the pull request description section"
    )
    parser.add_argument(
        "--no-analyze", action="store_true", help="skip semgrep, bandit and the secret detector"
    )
    parser.add_argument(
        "--timeout", type=float, default=60.0, metavar="SECONDS", help="per model request"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from contextlib import ExitStack

    import pygit2

    from app.agents.analyzer.commit_packs import commit_packs
    from app.agents.analyzer.engine import AnalysisOptions, default_cache_dir
    from app.agents.docs.store import FileCompletionCache, FileTokenBudget
    from app.agents.reviewer.agent import ReviewOptions, review_changes
    from app.agents.reviewer.describe import describe_section
    from app.agents.reviewer.gitdiff import analyzed_input, read_config
    from app.agents.reviewer.render import review_json, review_markdown
    from app.models.config import CONFIG_PATH

    settings = command_settings(args.timeout)
    repo, base_sha, head_sha = _commits(pygit2, args.path, args.base, args.head)
    config = read_config(repo, base_sha, CONFIG_PATH)
    with ExitStack() as stack:
        analysis = None
        if not args.no_analyze:
            # The check's rules: the base's packs and VIBE_RULES_DIR; a broken one exits 2.
            packs = stack.enter_context(
                commit_packs(
                    repo,
                    base_sha,
                    config,
                    data_dir=settings.data_dir,
                    rules_dir=settings.rules_dir,
                )
            )
            cache_dir = default_cache_dir(settings.data_dir)
            analysis = AnalysisOptions(config=config, cache_dir=cache_dir, packs=packs)
        review_input = analyzed_input(repo, base_sha, head_sha, analysis)
    if args.describe:
        sys.stdout.write(printable_lines(describe_section(review_input)) + "\n")
        return 0
    model = None if args.offline else _model_config(settings, args.model, args.timeout)
    llm_dir = settings.data_dir / "docs"
    outcome = asyncio.run(
        review_changes(
            review_input,
            ReviewOptions(model=model),
            cache=FileCompletionCache(llm_dir / "cache"),
            budget=FileTokenBudget(llm_dir / "usage.json", settings.llm_daily_tokens),
        )
    )
    review = outcome.review
    # JSON escapes control characters itself; the markdown quotes paths, code and the model's
    # words, shown on a terminal as often as piped.
    text = (
        review_json(review) if args.format == "json" else printable_lines(review_markdown(review))
    )
    sys.stdout.write(text)
    print_failed_calls("review", outcome.calls)
    return 0


def _commits(pygit2: Any, path: str, base: str, head: str) -> tuple[Any, str, str]:
    """The repository holding ``path``, the merge base of ``base`` and ``head``, and ``head``."""
    location = pygit2.discover_repository(path)
    if location is None:
        raise UsageError(f"{printable(path)}: not inside a git repository; point PATH at a clone")
    repo = pygit2.Repository(location)
    shas: list[str] = []
    for option, ref in (("--base", base), ("--head", head)):
        try:
            shas.append(str(repo.revparse_single(ref).peel(pygit2.Commit).id))
        except (KeyError, ValueError, pygit2.GitError, pygit2.InvalidSpecError):
            raise UsageError(
                f"{option} {printable(ref)}: no such commit in {repo.workdir or repo.path}; fetch "
                f"it first (e.g. `git fetch origin {printable(ref)}`) or pass a commit id"
            ) from None
    merge_base = repo.merge_base(shas[0], shas[1])
    if merge_base is None:
        raise UsageError(
            f"--base {printable(base)}: it shares no history with {printable(head)}; in a shallow "
            "clone fetch more history (`git fetch --deepen` or `fetch-depth: 0`)"
        )
    return repo, str(merge_base), shas[1]


def _model_config(settings: Settings, model: str | None, timeout: float) -> ModelConfig | None:
    from app.agents.reviewer.agent import review_model_config

    chain = model_chain(settings, model, timeout)
    if chain is None:
        return None
    from app.cli.extras import require_server

    require_server(("litellm",))
    return review_model_config(chain)
