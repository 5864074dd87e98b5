"""Citations of the code the assistant's answer rests on, linked to their lines on the forge."""

from __future__ import annotations

from app.agents.assistant.models import Citation, CodeChunk
from app.forge_links import blob_url
from app.models.repository_key import ForgeName


def citation_of(
    chunk: CodeChunk, web_url: str, full_name: str, sha: str, forge: ForgeName = "github"
) -> Citation:
    start, end = chunk.start_line, chunk.end_line
    url = blob_url(web_url, full_name, sha, chunk.path, start, end, forge)
    return Citation(chunk.path, start, end, url)
