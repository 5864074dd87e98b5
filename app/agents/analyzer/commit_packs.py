"""The custom rule packs of a repository at one commit: what every analysis of a repository's
commits runs beside the built-in pack, so that the pull request check, the reviewer's input,
the deploy verdict and the push baseline cannot disagree about which rules apply.

The packs are the ``rules.packs`` of the ``.github/vibe.yml`` committed at ``sha`` — the commit
the caller read its configuration from (a pull request's base branch, a push's head) — read from
that same commit's tree, and the organisation's ``VIBE_RULES_DIR``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.agents.analyzer.options import default_work_dir, pack_memo_dir
from app.agents.analyzer.pack_sources import commit_sources
from app.agents.analyzer.pack_stage import staged_packs
from app.agents.analyzer.rulepack import PackDirectory
from app.models.config import CONFIG_PATH, RepoConfig


@contextmanager
def commit_packs(
    repo: Any, sha: str, config: RepoConfig, *, data_dir: Path, rules_dir: Path | None
) -> Iterator[tuple[PackDirectory, ...]]:
    """The packs of the pygit2 ``repo`` at commit ``sha`` (``config`` is its configuration at
    that commit) and ``rules_dir``, staged and validated for as long as the block runs; raises
    :class:`~app.agents.analyzer.custom_packs.PackError` (file and line) for a broken one.
    Blocking: run it in a thread."""
    sources = commit_sources(
        repo,
        sha,
        config,
        config_text=_config_text(repo, sha),
        config_name=CONFIG_PATH,
        org=rules_dir,
    )
    with staged_packs(
        sources, memo_dir=pack_memo_dir(data_dir), work_dir=default_work_dir(data_dir)
    ) as packs:
        yield packs


def _config_text(repo: Any, sha: str) -> str | None:
    """The configuration's text at ``sha``, for the line of a pack path it names."""
    import pygit2

    try:
        entry = repo[sha].peel(pygit2.Tree)[CONFIG_PATH]
    except KeyError:
        return None
    blob = repo[entry.id]
    return bytes(blob.data).decode("utf-8", "replace") if isinstance(blob, pygit2.Blob) else None
