"""Files split into line ranges for retrieval (pure)."""

from __future__ import annotations

from app.agents.assistant.models import CodeChunk
from app.agents.scanner.languages import language_for_name

CHUNK_LINES = 40
MAX_FILE_BYTES = 256 * 1024
MAX_LINE_CHARS = 1000  # minified or generated text says nothing a reader could cite
_BINARY_PROBE = 8000


def indexable(path: str, data: bytes) -> bool:
    if len(data) > MAX_FILE_BYTES or b"\0" in data[:_BINARY_PROBE]:
        return False
    return not path.endswith((".min.js", ".min.css", ".lock", "-lock.json", ".map", ".svg"))


def chunk_file(
    path: str, data: bytes, blob_sha: str = "", size: int = CHUNK_LINES
) -> list[CodeChunk]:
    """``size``-line chunks of a text file; none for binary, huge or minified files."""
    if not indexable(path, data):
        return []
    text = data.decode("utf-8", "replace")
    lines = text.splitlines()
    if any(len(line) > MAX_LINE_CHARS for line in lines[:50]):
        return []
    language = language_for_name(path.rsplit("/", 1)[-1])
    chunks = []
    for start in range(0, len(lines), size):
        part = lines[start : start + size]
        if not any(line.strip() for line in part):
            continue
        chunks.append(
            CodeChunk(
                path=path,
                start_line=start + 1,
                end_line=start + len(part),
                content="\n".join(part),
                language=language,
                blob_sha=blob_sha,
            )
        )
    return chunks
