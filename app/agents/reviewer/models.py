"""The reviewer's values: what it is given (the diff by file, new findings, dependency changes)
and what it returns (a summary, risks, inline comments on changed lines)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.agents.reviewer.symbols import Definition
from app.models.finding import Finding

CommentSeverity = Literal["error", "warning", "note"]
Writer = str  # a model name, "<model> (cached)" or "offline"


class SymbolChange(BaseModel):
    """A function, method or class the change adds, removes or changes, read from the two
    versions of the file (never from the diff's text). ``name`` is qualified: ``Class.method``,
    ``func``. A class added or removed whole is named alone, not with each of its members; a
    class is "changed" only when its own lines (header, decorators, class-level statements)
    are, not when one of its methods is."""

    model_config = ConfigDict(frozen=True)

    path: str
    name: str
    change: Literal["added", "removed", "changed"]
    kind: str = "function"


class DiffLine(BaseModel):
    """One line of a hunk: ``+`` added, ``-`` removed, `` `` context; ``line`` is the new-side
    number (the old-side one for a removed line)."""

    model_config = ConfigDict(frozen=True)

    origin: Literal["+", "-", " "]
    line: int
    text: str


class Hunk(BaseModel):
    model_config = ConfigDict(frozen=True)

    header: str = Field(description="The @@ line, with git's function context after it.")
    lines: list[DiffLine] = Field(default_factory=list)


class FileDiff(BaseModel):
    """One changed file, under its head-side path."""

    model_config = ConfigDict(frozen=True)

    path: str
    status: str = "modified"
    previous_path: str | None = None
    binary: bool = False
    hunks: list[Hunk] = Field(default_factory=list)
    definitions: list[Definition] = Field(
        default_factory=list, description="What the changed lines touch, at the head commit."
    )
    symbols: list[SymbolChange] = Field(
        default_factory=list,
        description="Definitions added, removed or changed between the two versions.",
    )

    @property
    def added_lines(self) -> dict[int, str]:
        return {ln.line: ln.text for h in self.hunks for ln in h.lines if ln.origin == "+"}

    @property
    def additions(self) -> int:
        return sum(1 for h in self.hunks for ln in h.lines if ln.origin == "+")

    @property
    def deletions(self) -> int:
        return sum(1 for h in self.hunks for ln in h.lines if ln.origin == "-")

    def patch(self) -> str:
        """The file's hunks as unified diff text (what the model reads)."""
        out: list[str] = []
        for hunk in self.hunks:
            out.append(hunk.header)
            out.extend(f"{ln.origin}{ln.text}" for ln in hunk.lines)
        return "\n".join(out)


class DependencyChange(BaseModel):
    """One dependency that moved, attributed to the files that changed for it: ``manifest``
    when a manifest's declaration of it changed, ``lock`` when a lock file's pin did (``None``
    for a file that did not change for it). ``direct``: some manifest declares it."""

    model_config = ConfigDict(frozen=True)

    name: str
    ecosystem: str
    manifest: str | None
    change: Literal["added", "upgraded", "downgraded", "changed", "removed"]
    before: str | None = None
    after: str | None = None
    lock: str | None = None
    direct: bool = True


class DependencyMove(BaseModel):
    """One dependency the change moves. ``manifest``: the manifest whose declaration of it
    changed (``None`` when only a lock file did); ``lock``: the lock file whose pin changed;
    ``direct``: some manifest declares it (changed or not)."""

    name: str
    ecosystem: str
    manifest: str | None
    lock: str | None
    before: str | None
    after: str | None
    direct: bool
    change: str = "changed"

    @property
    def lock_only(self) -> bool:
        return self.manifest is None


class ReviewFacts(BaseModel):
    """What the offline review says, as facts (see :mod:`.facts`)."""

    symbols: list[SymbolChange] = Field(default_factory=list)
    dependencies: list[DependencyMove] = Field(default_factory=list)
    sections: dict[str, list[str]] = Field(
        default_factory=dict, description="Section title -> the changed paths in it."
    )
    risks: list[str] = Field(default_factory=list)


class ReviewInput(BaseModel):
    """Everything the reviewer may look at, as plain values."""

    base_sha: str
    head_sha: str
    files: list[FileDiff] = Field(default_factory=list)
    findings: list[Finding] = Field(
        default_factory=list, description="The analyzer's findings in diff mode."
    )
    dependencies: list[DependencyChange] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    frameworks: list[str] = Field(default_factory=list)

    @property
    def new_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.baseline_state == "new" and f.suppression is None]

    def file(self, path: str) -> FileDiff | None:
        return next((f for f in self.files if f.path == path), None)


class ModelComment(BaseModel):
    """One inline comment as the model must give it."""

    model_config = ConfigDict(extra="ignore")

    path: str
    line: int = Field(ge=1)
    severity: CommentSeverity = "note"
    body: str = Field(min_length=1, max_length=4000)
    quote: str | None = Field(
        default=None, description="The code the comment is about, copied from the diff."
    )
    suggestion: str | None = Field(
        default=None, description="Replacement text for the line (a ```suggestion block)."
    )


class ModelReview(BaseModel):
    """The structured answer asked of the model. Unknown keys are ignored: the model can ask for
    nothing but review text."""

    model_config = ConfigDict(extra="ignore")

    summary: str = Field(min_length=1, max_length=4000)
    risks: list[str] = Field(default_factory=list, max_length=20)
    comments: list[ModelComment] = Field(default_factory=list, max_length=50)


class ReviewComment(BaseModel):
    """An inline comment that passed the filter: on a changed line of the diff."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int
    severity: CommentSeverity
    body: str
    suggestion: str | None = None
    source: Literal["model", "finding"] = "model"


class DroppedComment(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    line: int
    reason: str


class Review(BaseModel):
    """What the reviewer returns, whoever wrote it."""

    base_sha: str
    head_sha: str
    summary: str
    risks: list[str] = Field(default_factory=list)
    comments: list[ReviewComment] = Field(default_factory=list)
    dropped: list[DroppedComment] = Field(default_factory=list)
    left_out: list[str] = Field(
        default_factory=list, description="Files not shown to the model (the token budget)."
    )
    areas: dict[str, list[str]] = Field(default_factory=dict)
    dependencies: list[DependencyChange] = Field(default_factory=list)
    new_findings: int = 0
    writer: Writer = "offline"
    fallback_reason: str | None = None
    facts: ReviewFacts | None = None
