"""GitHub check run annotations for the new findings on lines a pull request changed.

Annotations are for the author's attention on their own lines: unchanged findings and findings
outside the diff stay in the summary. Many hits of one rule in one file become a single
annotation listing the lines, so a noisy rule does not bury the others; the total is capped and
the cap is reported rather than silently applied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.models.finding import SEVERITY_RANK, Finding
from app.printable import printable, printable_lines
from app.reporting.baseline import is_ignored, is_new
from app.reporting.diffmap import ChangedFiles
from app.reporting.limits import (
    ANNOTATION_MESSAGE_MAX,
    ANNOTATION_RAW_DETAILS_MAX,
    ANNOTATION_TITLE_MAX,
    ANNOTATIONS_PER_REQUEST,
    encoded_size,
    truncate_chars,
    truncate_text,
)
from app.reporting.markdown import code_span

AnnotationLevel = Literal["notice", "warning", "failure"]

LEVEL_FOR_SEVERITY: dict[str, AnnotationLevel] = {
    "note": "notice",
    "warning": "warning",
    "error": "failure",
}
# More identical findings (same rule, same file) than this become one annotation.
ROLLUP_THRESHOLD = 3
# A check run with thousands of annotations is unreadable and takes many requests to write.
MAX_ANNOTATIONS = 1000


class Annotation(BaseModel):
    """One check run annotation, in GitHub's field names."""

    path: str
    start_line: int = Field(ge=1)
    end_line: int = Field(ge=1)
    start_column: int | None = None
    end_column: int | None = None
    annotation_level: AnnotationLevel
    message: str
    title: str | None = None
    raw_details: str | None = None

    def to_github(self) -> dict[str, Any]:
        """The JSON object for ``output.annotations``; columns only when on one line."""
        return self.model_dump(exclude_none=True)


class AnnotationPlan(BaseModel):
    """The annotations to send and what was left out."""

    annotations: list[Annotation] = Field(default_factory=list)
    dropped: int = Field(default=0, description="Annotations beyond the cap, not sent.")
    rolled_up: int = Field(default=0, description="Findings folded into a rollup annotation.")
    lines_unknown: list[str] = Field(
        default_factory=list,
        description="Changed files with new findings that could not be annotated (no diff).",
    )

    def batches(self, size: int = ANNOTATIONS_PER_REQUEST) -> list[list[dict[str, Any]]]:
        """The annotations in request-sized batches (GitHub takes at most 50 per request)."""
        return [
            [annotation.to_github() for annotation in batch]
            for batch in batched(self.annotations, size)
        ]

    def note(self) -> str | None:
        """A sentence for the check summary when annotations were capped or impossible."""
        parts: list[str] = []
        if self.dropped:
            shown = len(self.annotations)
            parts.append(
                f"Only the first {shown:,} annotations are shown; {self.dropped:,} more "
                "were left out. Every finding is listed in the full report."
            )
        if self.lines_unknown:
            names = ", ".join(code_span(path) for path in self.lines_unknown[:10])
            more = len(self.lines_unknown) - 10
            if more > 0:
                names += f" and {more:,} more"
            parts.append(
                "No line annotations for files whose diff was too large to fetch: "
                f"{names}. Their findings are counted above."
            )
        return " ".join(parts) if parts else None


def batched(
    annotations: Sequence[Annotation], size: int = ANNOTATIONS_PER_REQUEST
) -> list[list[Annotation]]:
    if size < 1:
        raise ValueError("batch size must be at least 1")
    return [list(annotations[index : index + size]) for index in range(0, len(annotations), size)]


def build_annotations(
    findings: Iterable[Finding],
    changed: ChangedFiles,
    *,
    ignored_fingerprints: frozenset[str] = frozenset(),
    rollup_threshold: int = ROLLUP_THRESHOLD,
    max_annotations: int = MAX_ANNOTATIONS,
) -> AnnotationPlan:
    """Annotations for new, not ignored findings whose lines the pull request changed."""
    selected: list[Finding] = []
    lines_unknown: set[str] = set()
    for finding in findings:
        if not is_new(finding) or is_ignored(finding, ignored_fingerprints):
            continue
        changed_file = changed.get(finding.path)
        if changed_file is None:
            continue
        if not changed_file.lines_known:
            lines_unknown.add(finding.path)
        elif changed_file.touches(finding.start_line, finding.end_line):
            selected.append(finding)

    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in selected:
        groups[(finding.path, finding.rule_id)].append(finding)

    annotations: list[tuple[int, Annotation]] = []
    rolled_up = 0
    for group in groups.values():
        group.sort(key=lambda finding: (finding.start_line, finding.start_column))
        if len(group) > rollup_threshold:
            rolled_up += len(group)
            annotations.append((_rank(group), rollup_annotation(group)))
        else:
            annotations.extend((_rank([finding]), annotation_for(finding)) for finding in group)

    # The most severe first, so the cap drops notes before errors.
    annotations.sort(key=lambda item: (-item[0], item[1].path, item[1].start_line))
    ordered = [annotation for _, annotation in annotations]
    return AnnotationPlan(
        annotations=ordered[:max_annotations],
        dropped=max(len(ordered) - max_annotations, 0),
        rolled_up=rolled_up,
        lines_unknown=sorted(lines_unknown),
    )


def annotation_for(finding: Finding) -> Annotation:
    same_line = finding.start_line == finding.end_line
    start_column = finding.start_column if same_line else None
    end_column = finding.end_column if same_line else None
    if start_column is not None and end_column is not None and end_column < start_column:
        start_column = end_column = None
    return Annotation(
        path=finding.path,
        start_line=finding.start_line,
        end_line=max(finding.end_line, finding.start_line),
        start_column=start_column,
        end_column=end_column,
        annotation_level=LEVEL_FOR_SEVERITY[finding.severity],
        message=truncate_text(printable_lines(finding.message), ANNOTATION_MESSAGE_MAX),
        title=_title(finding.rule_id, finding),
        raw_details=_raw_details(finding),
    )


def rollup_annotation(group: Sequence[Finding]) -> Annotation:
    """One annotation for many findings of one rule in one file, placed at the first one."""
    first = group[0]
    worst = max(group, key=lambda finding: SEVERITY_RANK[finding.severity])
    lines = sorted({finding.start_line for finding in group})
    listed = ", ".join(str(line) for line in lines)
    message = (
        f"{printable_lines(first.message)}\n\n"
        f"Found {len(group)} times in this file, on lines {listed}."
    )
    details = _raw_details(worst, fingerprints=[finding.fingerprint for finding in group])
    return Annotation(
        path=first.path,
        start_line=first.start_line,
        end_line=first.start_line,
        annotation_level=LEVEL_FOR_SEVERITY[worst.severity],
        message=truncate_text(message, ANNOTATION_MESSAGE_MAX),
        title=_title(f"{first.rule_id} ({len(group)} occurrences)", worst),
        raw_details=details,
    )


def _rank(group: Sequence[Finding]) -> int:
    return max(SEVERITY_RANK[finding.severity] for finding in group)


def _title(label: str, finding: Finding) -> str:
    # The path is GitHub's to place the annotation by; what it shows is escaped.
    return truncate_chars(printable(f"{finding.tool}: {label}"), ANNOTATION_TITLE_MAX)


def _raw_details(finding: Finding, fingerprints: Sequence[str] | None = None) -> str:
    """How to fix it, references and the fingerprint(s) to ignore it with. Never the code: the
    annotation already sits on it, and a snippet is one more place a secret could leak."""
    tail: list[str] = []
    references = [*finding.cwe, *finding.owasp]
    if references:
        tail.append("References: " + ", ".join(references))
    if finding.help_uri:
        tail.append(f"More: {finding.help_uri}")
    prints = list(fingerprints) if fingerprints else [finding.fingerprint]
    if len(prints) == 1:
        tail.append(f"Fingerprint: {prints[0]} (to ignore: /vibe ignore {prints[0]} <reason>)")
    else:
        tail.append("Fingerprints: " + ", ".join(prints))
    details = printable_lines("\n\n".join(tail))
    if finding.help:
        # The help gives way to the fingerprint: without it the finding cannot be ignored.
        room = ANNOTATION_RAW_DETAILS_MAX - encoded_size(details) - 2
        if room > 0:
            details = truncate_text(printable_lines(finding.help.strip()), room) + "\n\n" + details
    return truncate_text(details, ANNOTATION_RAW_DETAILS_MAX)
