"""What of a diff the model gets to read within its token budget.

The diff is chunked by file and the files are ranked by risk: new findings in them first, then
security-sensitive paths, then size; tests, docs and lock files last. Chunks are taken in that
order while they fit; a file too large for what is left is shown hunk by hunk as far as it fits.
What was not shown is listed, so the review can say so instead of pretending it read it all.

Then, in the same order and within what is left, each fully shown file gets a "definitions"
section after its hunks: the functions, methods and classes its changed lines touch (see
:mod:`.symbols`), unless the hunks already show them whole. Hunks always rank before
definitions; a definition that does not fit is listed as left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.agents.reviewer.areas import is_dependency_manifest, is_docs, is_sensitive, is_test
from app.agents.reviewer.models import FileDiff, Hunk, ReviewInput
from app.agents.reviewer.symbols import Definition
from app.models.finding import SEVERITY_RANK

TokenCounter = Callable[[str], int]

_FINDING_WEIGHT = {3: 120, 2: 60, 1: 25}
_SENSITIVE_WEIGHT = 80
_LOW_VALUE_PENALTY = 60


@dataclass(frozen=True)
class Chunk:
    path: str
    text: str
    tokens: int
    partial: bool = False


@dataclass
class ReviewContext:
    """The chunks shown, in rank order, and the paths left out (whole or in part)."""

    chunks: list[Chunk] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    # "path: name" of the touched definitions the budget left no room for.
    definitions_left_out: list[str] = field(default_factory=list)

    @property
    def tokens(self) -> int:
        return sum(chunk.tokens for chunk in self.chunks)

    @property
    def paths(self) -> list[str]:
        return [chunk.path for chunk in self.chunks]


def risk_score(diff: FileDiff, findings_by_path: dict[str, list[int]]) -> int:
    """Higher first. Findings dominate, then sensitive paths, then the number of lines."""
    score = sum(_FINDING_WEIGHT.get(rank, 0) for rank in findings_by_path.get(diff.path, ()))
    if is_sensitive(diff.path):
        score += _SENSITIVE_WEIGHT
    score += min(diff.additions + diff.deletions, 400) // 4
    if is_test(diff.path) or is_docs(diff.path) or _is_lockfile(diff.path):
        score -= _LOW_VALUE_PENALTY
    return score


def _is_lockfile(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return is_dependency_manifest(path) and ("lock" in name.lower() or name == "go.sum")


def rank_files(review_input: ReviewInput) -> list[FileDiff]:
    findings_by_path: dict[str, list[int]] = {}
    for finding in review_input.new_findings:
        findings_by_path.setdefault(finding.path, []).append(SEVERITY_RANK[finding.severity])
    reviewable = [f for f in review_input.files if not f.binary and f.hunks]
    return sorted(reviewable, key=lambda f: (-risk_score(f, findings_by_path), f.path))


def render_hunk(hunk: Hunk) -> str:
    """A hunk with each line's new-side number, so the model can name lines exactly."""
    out = [hunk.header]
    for line in hunk.lines:
        number = "" if line.origin == "-" else str(line.line)
        out.append(f"{number:>5} {line.origin}{line.text}")
    return "\n".join(out)


def _chunk_text(diff: FileDiff, hunks: list[Hunk]) -> str:
    moved = f" (renamed from {diff.previous_path})" if diff.previous_path else ""
    body = "\n".join(render_hunk(hunk) for hunk in hunks)
    return f"--- file: {diff.path} [{diff.status}]{moved}\n{body}\n"


def render_definition(definition: Definition) -> str:
    lines = f"lines {definition.start_line}-{definition.end_line}"
    notes = [lines]
    if definition.signature_only:
        notes.append("signature only")
    if definition.truncated:
        shown = len(definition.source.splitlines())
        notes.append(f"first {shown} lines")
    return f"# {definition.kind} {definition.name} ({', '.join(notes)})\n{definition.source}\n"


def _definitions_heading(path: str) -> str:
    return f"--- definitions in {path} that the change touches (head commit, for reference):\n"


def build_context(review_input: ReviewInput, budget: int, count: TokenCounter) -> ReviewContext:
    """Chunks in risk order within ``budget`` tokens (as ``count`` counts them): the hunks of
    every file first, then the definitions they touch."""
    context = ReviewContext()
    left = budget
    ranked = rank_files(review_input)
    for diff in ranked:
        left -= _fit_hunks(context, diff, left, count)
    whole = {chunk.path: index for index, chunk in enumerate(context.chunks) if not chunk.partial}
    for diff in ranked:
        wanted = [d for d in diff.definitions if not d.in_diff]
        if not wanted:
            continue
        index = whole.get(diff.path)
        if index is None:
            if diff.path in context.partial:
                context.definitions_left_out.extend(f"{diff.path}: {d.name}" for d in wanted)
            continue
        left -= _fit_definitions(context, index, wanted, left, count)
    binary = [f.path for f in review_input.files if f.binary]
    context.left_out.extend(binary)
    return context


def _fit_hunks(context: ReviewContext, diff: FileDiff, left: int, count: TokenCounter) -> int:
    """Adds the file's hunks (all, as many as fit, or none); returns the tokens taken."""
    text = _chunk_text(diff, diff.hunks)
    tokens = count(text)
    if tokens <= left:
        context.chunks.append(Chunk(diff.path, text, tokens))
        return tokens
    shown: list[Hunk] = []
    shown_tokens = 0
    for hunk in diff.hunks:
        candidate = _chunk_text(diff, [*shown, hunk])
        candidate_tokens = count(candidate)
        if candidate_tokens > left:
            break
        shown, shown_tokens = [*shown, hunk], candidate_tokens
    if not shown:
        context.left_out.append(diff.path)
        return 0
    context.chunks.append(Chunk(diff.path, _chunk_text(diff, shown), shown_tokens, True))
    context.partial.append(diff.path)
    return shown_tokens


def _fit_definitions(
    context: ReviewContext,
    index: int,
    definitions: list[Definition],
    left: int,
    count: TokenCounter,
) -> int:
    """Appends the definitions that fit to chunk ``index``; returns the tokens taken."""
    chunk = context.chunks[index]
    heading = _definitions_heading(chunk.path)
    heading_tokens = count(heading)
    texts: list[str] = []
    taken = 0
    for definition in definitions:
        text = render_definition(definition)
        tokens = count(text) + (0 if texts else heading_tokens)
        if taken + tokens > left:
            context.definitions_left_out.append(f"{chunk.path}: {definition.name}")
            continue
        texts.append(text)
        taken += tokens
    if texts:
        text = chunk.text + heading + "".join(texts)
        context.chunks[index] = Chunk(chunk.path, text, chunk.tokens + taken, chunk.partial)
    return taken
