"""Jinja2 templates of the dashboard (autoescaped), rendered with the principal and CSRF token."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

import jinja2
from aiohttp import web

from app.markdown_render import render_markdown
from dashboard.auth import principal_of


def _ago(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _score(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}"


def _duration(start: datetime | None, end: datetime | None) -> str:
    """How long from ``start`` to ``end``: "1 min 35 s", "2 h 5 min"; "—" when unknown."""
    if start is None or end is None:
        return "—"
    seconds = max(0, round((end - start).total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours:,} h {minutes} min"


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 repository", "2,000 repositories"."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dashboard", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["when"] = _ago
    env.filters["score"] = _score
    env.filters["plural"] = _plural
    env.filters["markdown"] = render_markdown
    env.globals["duration"] = _duration
    return env


def render(
    request: web.Request, template: str, *, status: int = 200, **values: Any
) -> web.Response:
    principal = principal_of(request)
    page = (
        environment()
        .get_template(template)
        .render(
            principal=principal,
            csrf_token=principal.csrf_token if principal else "",
            path=request.path,
            **values,
        )
    )
    return web.Response(text=page, status=status, content_type="text/html", charset="utf-8")


def redirect(location: str) -> web.Response:
    return web.Response(status=302, headers={"Location": location})
