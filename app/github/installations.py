"""The App's installations (the accounts that installed it), listed with the App's JWT."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from app.github.client import AppClient


def list_installations(gh: AppClient) -> AsyncIterator[dict[str, Any]]:
    return gh.paginate("/app/installations{?per_page}", {"per_page": 100})
