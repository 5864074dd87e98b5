"""The App manifest (``app.yml``, Probot's format) and the manifest flow's two GitHub steps.

1. The browser POSTs the rendered manifest, as the form field ``manifest``, to GitHub's "new App"
   page; GitHub shows it, the user confirms, and GitHub redirects to ``redirect_url?code=…``.
2. We exchange the code at ``POST /app-manifests/{code}/conversions`` (no authentication; the
   code is single-use and expires after an hour) for the App's id, private key and secrets.
"""

from __future__ import annotations

import copy
import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from app.github.client import anonymous
from app.github.endpoints import GitHubEndpoints
from app.github.errors import GitHubConfigError

WEBHOOK_PATH = "/webhooks/github"
# A link to the root app.yml, so the manifest ships in the wheel as package data.
DEFAULT_MANIFEST = Path(__file__).parent / "app.yml"


def load_manifest_template(path: Path | None = None) -> dict[str, Any]:
    path = path or DEFAULT_MANIFEST
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GitHubConfigError(
            f"cannot read the App manifest {path}: {exc.strerror}; pass --manifest PATH"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise GitHubConfigError(f"{path}{where}: not valid YAML; fix the manifest") from None
    if not isinstance(loaded, dict) or "default_permissions" not in loaded:
        raise GitHubConfigError(f"{path}: not a GitHub App manifest (no default_permissions)")
    return loaded


def render_manifest(
    template: Mapping[str, Any],
    *,
    redirect_url: str,
    public_url: str | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    """The manifest to post: our public URL and webhook filled in, the redirect pointed home."""
    manifest = copy.deepcopy(dict(template))
    hook = dict(manifest.get("hook_attributes") or {})
    if public_url:
        base = public_url.rstrip("/")
        manifest["url"] = base
        hook["url"] = base + WEBHOOK_PATH
        hook.setdefault("active", True)
    else:
        # Without a public URL GitHub cannot reach us; the webhook is set later in the settings.
        hook["active"] = False
    manifest["hook_attributes"] = hook
    manifest["redirect_url"] = redirect_url
    if name:
        manifest["name"] = name
    return manifest


def form_page(action_url: str, manifest: Mapping[str, Any]) -> str:
    """A page whose form posts ``manifest`` to GitHub (submitted by script, or by the button)."""
    value = html.escape(json.dumps(manifest), quote=True)
    action = html.escape(action_url, quote=True)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Register the VibeIntelligence App</title></head>
<body>
<h1>Register the VibeIntelligence GitHub App</h1>
<p>GitHub will show the App's name and permissions; confirm there and you are sent back here.</p>
<form id="manifest-form" action="{action}" method="post">
<input type="hidden" name="manifest" value="{value}">
<button type="submit">Create the App on GitHub</button>
</form>
<script>document.getElementById("manifest-form").submit();</script>
</body></html>
"""


async def exchange_code(
    session: aiohttp.ClientSession, endpoints: GitHubEndpoints, code: str
) -> dict[str, Any]:
    """The new App (id, slug, pem, webhook_secret, client_id, client_secret, html_url…)."""
    conversion: dict[str, Any] = await anonymous(session, endpoints).post(
        "/app-manifests/{code}/conversions", {"code": code}, data={}
    )
    return conversion
