"""Running the docs agent on a directory the way ``vibe docs`` does, and applying its edits."""

from __future__ import annotations

from pathlib import Path

from app.agents.docs.agent import DocsOptions, generate_docs
from app.agents.docs.result import DocsResult
from app.agents.docs.source import read_tree
from app.agents.docs.store import CompletionCache, TokenBudget
from app.agents.scanner.scan import scan


async def run_docs(
    root: Path,
    options: DocsOptions | None = None,
    *,
    cache: CompletionCache | None = None,
    budget: TokenBudget | None = None,
) -> DocsResult:
    return await generate_docs(
        read_tree(root), scan(root), options or DocsOptions(), cache=cache, budget=budget
    )


def apply(root: Path, result: DocsResult) -> None:
    for edit in result.edits:
        path = root / edit.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(edit.new_content.encode("utf-8"))


def edit_of(result: DocsResult, path: str) -> str:
    return next(edit.new_content for edit in result.edits if edit.path == path)
