"""GitHub Actions workflow commands (``::error file=…,line=…::message``), escaped as the runner
reads them, and the annotations a step can show.

The runner splits a command on ``::`` and its properties on ``,`` and ``=``, and ends it at a
line break, so data escapes ``%``, CR and LF, and property values also ``:`` and ``,``; an
unescaped newline in a finding's message would otherwise start a command of the message's
choosing. GitHub shows at most 10 annotations of each level per step and 50 per job; the rest
are printed in a collapsed group so that nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from app.printable import printable, printable_lines
from app.reporting.annotations import Annotation

# "error", "warning", "notice": the workflow command for each check annotation level.
COMMAND_FOR_LEVEL: dict[str, str] = {"failure": "error", "warning": "warning", "notice": "notice"}
PER_LEVEL_LIMIT = 10
TOTAL_LIMIT = 50
TITLE = "VibeIntelligence"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str = "", **properties: str | int | None) -> str:
    """One workflow command line; properties that are None are left out."""
    listed = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    head = f"::{name} {listed}" if listed else f"::{name}"
    return f"{head}::{escape_data(message)}"


def error(
    message: str, *, title: str = TITLE, file: str | None = None, line: int | None = None
) -> str:
    return command("error", message, title=title, file=file, line=line)


def annotation_command(annotation: Annotation) -> str:
    """``::error file=a.py,line=3,endLine=3,col=5,endColumn=9,title=…::message``."""
    # The file stays exact (the runner places the annotation by it); what is shown is escaped.
    return command(
        COMMAND_FOR_LEVEL[annotation.annotation_level],
        printable_lines(annotation.message),
        file=annotation.path,
        line=annotation.start_line,
        endLine=annotation.end_line,
        col=annotation.start_column,
        endColumn=annotation.end_column,
        title=printable(annotation.title) if annotation.title is not None else None,
    )


class AnnotationSplit(BaseModel):
    """The annotations GitHub will show as workflow commands, and the rest."""

    shown: list[Annotation] = Field(default_factory=list)
    rest: list[Annotation] = Field(default_factory=list)


def split_annotations(
    annotations: Sequence[Annotation],
    *,
    per_level: int = PER_LEVEL_LIMIT,
    total: int = TOTAL_LIMIT,
) -> AnnotationSplit:
    """Keep the first ``per_level`` of each level, ``total`` in all, in the given order (the
    plan sorts the most severe first)."""
    split = AnnotationSplit()
    per: dict[str, int] = {}
    for annotation in annotations:
        level = annotation.annotation_level
        if per.get(level, 0) < per_level and len(split.shown) < total:
            per[level] = per.get(level, 0) + 1
            split.shown.append(annotation)
        else:
            split.rest.append(annotation)
    return split


def group_lines(title: str, lines: Sequence[str]) -> list[str]:
    """A collapsed log group; each line is made inert (it cannot start with ``::``)."""
    return [
        command("group", printable(title)),
        *(f"  {_one_line(line)}" for line in lines),
        "::endgroup::",
    ]


def rest_line(annotation: Annotation) -> str:
    """``a.py:3: warning: bandit: B301: message`` for an annotation GitHub would not show."""
    level = COMMAND_FOR_LEVEL[annotation.annotation_level]
    title = f"{annotation.title}: " if annotation.title else ""
    where = printable(annotation.path)
    return f"{where}:{annotation.start_line}: {level}: {title}{annotation.message}"


def _one_line(text: str) -> str:
    first = printable(text.replace("\r", "\n").split("\n", 1)[0])
    return first if len(first) <= 500 else first[:499] + "…"
