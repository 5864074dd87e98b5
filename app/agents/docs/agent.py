"""One docs run: facts and API from the tree, README blocks, ``docs/api.md`` and docstrings,
written by the model chain when one is configured and by the offline generator otherwise, every
generated sentence passed through the grounding check."""

from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from app.models.scan import ScanReport

from .apidoc import render_api
from .blocks import Block, BlockError, find_blocks, human_sections, replace_blocks, split_lines
from .docstrings import (
    DocstringTarget,
    acceptable,
    clean_docstring,
    find_targets,
    insert_docstrings,
)
from .facts import ProjectFacts, gather_facts
from .grounding import KnownNames, ground_markdown, known_names, unknown_in_sentence
from .model import ModelConfig, ModelWriter, load_litellm
from .prompts import docstring_messages, parse_json_object, readme_messages
from .public_api import extract_api
from .result import DocsResult, DocsSummary, FileEdit
from .sections import SECTIONS, offline_sections, with_heading
from .source import API_DOC_PATH, README_NAMES, SourceTree
from .store import CompletionCache, MemoryTokenBudget, TokenBudget
from .symbols import ModuleApi, is_support_path

_OTHER_READMES = ("README.rst", "README.txt", "README", "readme.rst")


@dataclass(frozen=True)
class DocsOptions:
    model: ModelConfig | None = None
    docstrings: bool = True
    max_docstrings: int = 100


@dataclass
class _Run:
    tree: SourceTree
    facts: ProjectFacts
    api: list[ModuleApi]
    known: KnownNames
    summary: DocsSummary
    writer: ModelWriter | None


async def generate_docs(
    tree: SourceTree,
    report: ScanReport,
    options: DocsOptions,
    *,
    cache: CompletionCache | None = None,
    budget: TokenBudget | None = None,
) -> DocsResult:
    """The edits a docs run would make to ``tree``; nothing is written.

    Parsing the tree and importing litellm take a while: they run in a thread, so a worker's
    event loop stays free."""
    api, facts, known = await asyncio.to_thread(_read_project, tree, report)
    summary = DocsSummary()
    writer = None
    if options.model is not None and options.model.models:
        litellm = await asyncio.to_thread(load_litellm)
        writer = ModelWriter(
            options.model, cache or _NoCache(), budget or MemoryTokenBudget(), summary, litellm
        )
    run = _Run(tree, facts, api, known, summary, writer)
    edits: list[FileEdit] = []
    readme = await _readme(run)
    if readme is not None:
        edits.append(readme)
    docstring_edits: list[FileEdit] = []
    if options.docstrings:
        docstring_edits, added = await _docstrings(run, options.max_docstrings)
        # docs/api.md shows the docstrings this run adds, so the next run finds nothing to do.
        run.api = _with_summaries(run.api, added)
    api_edit = _api_doc(run)
    if api_edit is not None:
        edits.append(api_edit)
    edits.extend(docstring_edits)
    return DocsResult([edit for edit in edits if edit.new_content != edit.old_content], summary)


def _read_project(
    tree: SourceTree, report: ScanReport
) -> tuple[list[ModuleApi], ProjectFacts, KnownNames]:
    api = extract_api(tree)
    facts = gather_facts(report, tree, api)
    return api, facts, known_names(facts, tree, api)


class _NoCache:
    async def get(self, key: str) -> str | None:
        return None

    async def put(self, key: str, model: str, content: str) -> None:
        return None


def _readme_path(run: _Run) -> str | None:
    for name in README_NAMES:
        if name in run.tree.paths:
            return name
    other = next((name for name in _OTHER_READMES if name in run.tree.paths), None)
    if other is not None:
        run.summary.warnings.append(
            f"{other} is not Markdown; README sections are only written to README.md"
        )
        return None
    return "README.md"


async def _readme(run: _Run) -> FileEdit | None:
    path = _readme_path(run)
    if path is None:
        return None
    old = run.tree.text(path)
    if old is None and path in run.tree.paths:
        run.summary.warnings.append(f"{path} is not UTF-8 text or too large; left as it is")
        return None
    lines = split_lines(old or "")
    try:
        blocks = find_blocks(lines, path)
    except BlockError as exc:
        run.summary.warnings.append(str(exc))
        return None
    by_human = human_sections(lines, blocks)
    drafts = {
        name: body
        for name, body in offline_sections(run.facts, run.api).items()
        if body is not None and name not in by_human
    }
    run.summary.sections_by_human = [name for name in SECTIONS if name in by_human]
    if run.writer is not None and drafts:
        drafts = await _model_sections(run, drafts, _outside_blocks(lines, blocks))
    bodies: dict[str, str | None] = dict.fromkeys(SECTIONS)
    for name, body in drafts.items():
        grounded = _grounded(run, body)
        bodies[name] = with_heading(name, grounded) if grounded.strip() else None
    text, kept = replace_blocks(old, path, bodies, list(SECTIONS), run.facts.name)
    run.summary.sections_written = [name for name in SECTIONS if name in kept]
    return FileEdit(path, text, old)


async def _model_sections(run: _Run, drafts: dict[str, str], human_text: str) -> dict[str, str]:
    assert run.writer is not None
    writer = run.writer
    messages = readme_messages(
        run.facts,
        drafts,
        human_text,
        run.api,
        _code_excerpts(run),
        lambda text: writer.count_tokens(text=text),
        writer.config.max_prompt_tokens,
    )
    answer = await writer.complete("readme", messages, parse_json_object)
    if answer is None:
        return drafts
    written = dict(drafts)
    for name in drafts:
        body = _without_heading(answer.get(name, ""))
        if body and ground_markdown(body, run.known)[0].strip():
            written[name] = body
    return written


_ENTRY_POINTS = re.compile(
    r"(?:^|/)(?:__main__|__init__|main|cli|app|server|index)\.(?:py|go|[cm]?[jt]sx?)$"
)
EXCERPT_LINES = 60


def _code_excerpts(run: _Run) -> list[tuple[str, str]]:
    """The start of each entry point and top-level package, shallowest first."""
    chosen = sorted(
        (p for p in run.tree.sources() if _ENTRY_POINTS.search(p) and not is_support_path(p)),
        key=lambda path: (path.count("/"), path),
    )
    excerpts: list[tuple[str, str]] = []
    for path in chosen[:12]:
        lines = run.tree.texts[path].splitlines()[:EXCERPT_LINES]
        if any(line.strip() for line in lines):
            excerpts.append((path, "\n".join(lines)))
    return excerpts


def _without_heading(body: str) -> str:
    return re.sub(r"\A\s*#{1,6} [^\n]*\n", "", body.strip() + "\n").strip()


def _grounded(run: _Run, body: str) -> str:
    kept, dropped = ground_markdown(body, run.known)
    run.summary.dropped_sentences += len(dropped)
    run.summary.dropped_examples.extend(dropped)
    return kept


def _outside_blocks(lines: list[str], blocks: list[Block]) -> str:
    inside: set[int] = set()
    for block in blocks:
        inside |= set(range(block.start, block.end + 1))
    return "".join(line for index, line in enumerate(lines) if index not in inside)


def _api_doc(run: _Run) -> FileEdit | None:
    old = run.tree.text(API_DOC_PATH)
    if old is None and API_DOC_PATH in run.tree.paths:
        run.summary.warnings.append(f"{API_DOC_PATH} is not UTF-8 text or too large; left as it is")
        return None
    run.summary.api_modules = len(run.api)
    run.summary.api_symbols = sum(len(module.symbols) for module in run.api)
    try:
        text, _ = replace_blocks(
            old, API_DOC_PATH, {"api": render_api(run.api)}, ["api"], "API reference"
        )
    except BlockError as exc:
        run.summary.warnings.append(str(exc))
        return None
    return FileEdit(API_DOC_PATH, text, old)


def _with_summaries(
    api: list[ModuleApi], added: dict[tuple[str, str, int], str]
) -> list[ModuleApi]:
    """The API with the added docstrings, each on the definition it was added to (by line: an
    overloaded function's stubs share its name, not its docstring)."""
    if not added:
        return api
    return [
        replace(
            module,
            symbols=tuple(
                replace(
                    symbol,
                    summary=added.get((module.path, symbol.name, symbol.line), symbol.summary),
                )
                for symbol in module.symbols
            ),
        )
        for module in api
    ]


async def _docstrings(
    run: _Run, limit: int
) -> tuple[list[FileEdit], dict[tuple[str, str, int], str]]:
    """The edited files, and each added docstring by (path, qualified name, line).

    Offline, only functions whose body says something the name does not get one; a model's
    docstring that only restates the name is dropped the same way."""
    search = await asyncio.to_thread(find_targets, run.tree)
    run.summary.warnings.extend(search.warnings)
    targets = search.targets if run.writer is not None else [t for t in search.targets if t.offline]
    targets = targets[:limit]
    if not targets:
        return [], {}
    suggestions = {_key(target): target.offline for target in targets if target.offline is not None}
    if run.writer is not None:
        suggestions.update(await _model_docstrings(run, targets))
    by_path: dict[str, list[tuple[DocstringTarget, str]]] = defaultdict(list)
    for target in targets:
        docstring = suggestions.get(_key(target))
        if docstring is not None and acceptable(target.qualname, clean_docstring(docstring)):
            by_path[target.path].append((target, docstring))
    edits: list[FileEdit] = []
    added: dict[tuple[str, str, int], str] = {}
    for path, docstrings in sorted(by_path.items()):
        old = run.tree.texts[path]
        new = insert_docstrings(old, docstrings, search.python)
        if new is None:
            run.summary.docstrings_skipped += len(docstrings)
            run.summary.warnings.append(
                f"{path}: docstrings left out, inserting them would change how the file parses"
            )
            continue
        run.summary.docstrings_added += len(docstrings)
        edits.append(FileEdit(path, new, old))
        added.update(((path, t.qualname, t.line), clean_docstring(d)) for t, d in docstrings)
    return edits, added


def _key(target: DocstringTarget) -> str:
    return target.qualname + "@" + target.path


async def _model_docstrings(run: _Run, targets: list[DocstringTarget]) -> dict[str, str]:
    assert run.writer is not None
    writer = run.writer
    messages, included = docstring_messages(
        targets, lambda text: writer.count_tokens(text=text), writer.config.max_prompt_tokens
    )
    if not included:
        return {}
    answer = await writer.complete("docstrings", messages, parse_json_object)
    if answer is None:
        return {}
    written: dict[str, str] = {}
    for target in included:
        text = answer.get(target.qualname)
        if not text:
            continue
        docstring = clean_docstring(text)
        if not acceptable(target.qualname, docstring):
            continue
        unknown = unknown_in_sentence(docstring, run.known)
        if unknown is not None:
            run.summary.dropped_sentences += 1
            run.summary.dropped_examples.append(docstring)
            continue
        written[_key(target)] = docstring
    return written
