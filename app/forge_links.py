"""Web links into a repository on GitHub (or GitHub Enterprise Server) or GitLab: ``web_url`` is
the forge's host. Pure."""

from __future__ import annotations

from urllib.parse import quote

from app.models.repository_key import ForgeName


def blob_url(
    web_url: str,
    full_name: str,
    sha: str,
    path: str = "",
    start: int | None = None,
    end: int | None = None,
    forge: ForgeName = "github",
) -> str:
    """The tree at ``sha`` (``path`` empty), a file, or its lines ``start``-``end``:
    ``/blob/…#L1-L6`` on GitHub, ``/-/blob/…#L1-6`` on GitLab."""
    blob = "blob" if forge == "github" else "-/blob"
    url = f"{web_url.rstrip('/')}/{full_name}/{blob}/{sha}"
    if path:
        url = f"{url}/{quote(path, safe='/')}"
    if start is None:
        return url
    if end is None or end == start:
        return f"{url}#L{start}"
    last = f"L{end}" if forge == "github" else str(end)
    return f"{url}#L{start}-{last}"
