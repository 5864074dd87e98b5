"""What the assistant reads (code chunks) and what it streams (answer events)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EventKind = Literal["token", "citation", "done", "error"]


@dataclass(frozen=True)
class CodeChunk:
    """Lines ``start_line``..``end_line`` (1-based, inclusive) of one file."""

    path: str
    start_line: int
    end_line: int
    content: str
    language: str | None = None
    blob_sha: str = ""


@dataclass(frozen=True)
class Citation:
    path: str
    start_line: int
    end_line: int
    url: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "url": self.url,
        }


@dataclass(frozen=True)
class AnswerEvent:
    """One streamed event: a piece of the answer, a source, the end, or an error."""

    kind: EventKind
    text: str = ""
    citation: Citation | None = None
    writer: str = ""

    def data(self) -> dict[str, Any]:
        if self.kind == "citation" and self.citation is not None:
            return self.citation.to_json()
        if self.kind == "done":
            return {"writer": self.writer}
        if self.kind == "error":
            return {"detail": self.text}
        return {"text": self.text}


@dataclass
class Answer:
    """A whole answer, collected from its events."""

    text: str = ""
    citations: list[Citation] = field(default_factory=list)
    writer: str = ""
    errors: list[str] = field(default_factory=list)

    def add(self, event: AnswerEvent) -> None:
        if event.kind == "token":
            self.text += event.text
        elif event.kind == "citation" and event.citation is not None:
            self.citations.append(event.citation)
        elif event.kind == "done":
            self.writer = event.writer
        elif event.kind == "error":
            self.errors.append(event.text)
