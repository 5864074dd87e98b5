"""The answer without a model: the most relevant chunks and what they hold (definitions, else
their first line), deterministic for the same question and chunks."""

from __future__ import annotations

import re

from app.agents.assistant.models import CodeChunk

_DEFINITION = re.compile(
    r"^\s*(?:export\s+)?(?:async\s+)?(?:def|class|function|func|fn|interface|type|struct|"
    r"public\s+class|module)\s+([A-Za-z_][\w$]*)"
)
MAX_NAMES = 6


def defined_names(chunk: CodeChunk) -> list[str]:
    names: list[str] = []
    for line in chunk.content.splitlines():
        match = _DEFINITION.match(line)
        if match and match.group(1) not in names:
            names.append(match.group(1))
    return names[:MAX_NAMES]


def describe_chunk(chunk: CodeChunk) -> str:
    names = defined_names(chunk)
    if names:
        return "defines " + ", ".join(f"`{name}`" for name in names)
    first = next((line.strip() for line in chunk.content.splitlines() if line.strip()), "")
    return f"starts with `{first[:80]}`" if first else "is blank"


def offline_answer(question: str, chunks: list[CodeChunk], reason: str) -> str:
    if not chunks:
        return (
            f"No language model answered ({reason}), and no indexed code matches the question. "
            "Try the names of functions, files or settings you are looking for."
        )
    lines = [
        f"No language model answered ({reason}). The code most relevant to the question:",
        "",
    ]
    for number, chunk in enumerate(chunks, 1):
        language = f" ({chunk.language})" if chunk.language else ""
        lines.append(
            f"{number}. `{chunk.path}` lines {chunk.start_line}-{chunk.end_line}{language}: "
            f"{describe_chunk(chunk)}."
        )
    return "\n".join(lines) + "\n"
