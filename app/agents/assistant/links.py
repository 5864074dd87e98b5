"""Links to cited lines on GitHub (or GitHub Enterprise Server: ``web_url`` is its host)."""

from __future__ import annotations

from urllib.parse import quote

from app.agents.assistant.models import Citation, CodeChunk


def blob_url(web_url: str, full_name: str, sha: str, path: str, start: int, end: int) -> str:
    anchor = f"#L{start}" if start == end else f"#L{start}-L{end}"
    return f"{web_url.rstrip('/')}/{full_name}/blob/{sha}/{quote(path, safe='/')}{anchor}"


def citation_of(chunk: CodeChunk, web_url: str, full_name: str, sha: str) -> Citation:
    url = blob_url(web_url, full_name, sha, chunk.path, chunk.start_line, chunk.end_line)
    return Citation(chunk.path, chunk.start_line, chunk.end_line, url)
