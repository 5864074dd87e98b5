"""The App's webhook deliveries: list recent ones and ask GitHub to send one again.

Used to recover deliveries missed while the server was down: compare GitHub's list with the
deliveries table and redeliver the gaps. Both endpoints need the App's JWT.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from app.github.client import AppClient


def list_deliveries(gh: AppClient, *, per_page: int = 100) -> AsyncIterator[dict[str, Any]]:
    """Newest first; GitHub pages with an opaque ``cursor`` in the Link header."""
    return gh.paginate("/app/hook/deliveries{?per_page}", {"per_page": per_page})


async def redeliver(gh: AppClient, delivery_id: int) -> None:
    await gh.post(
        "/app/hook/deliveries/{delivery_id}/attempts", {"delivery_id": delivery_id}, data={}
    )
