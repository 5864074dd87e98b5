"""Check runs: find ours by ``external_id``, create, update, and send annotations in batches.

GitHub takes at most 50 annotations per create or update request (more is a 422) and appends
the annotations of successive updates, so a report with more is sent as several PATCHes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.github.client import InstallationClient

MAX_ANNOTATIONS_PER_REQUEST = 50
ANNOTATION_LEVELS = ("notice", "warning", "failure")


async def find_check_run(
    gh: InstallationClient, owner: str, repo: str, ref: str, *, name: str, external_id: str
) -> dict[str, Any] | None:
    """Our existing check run for ``ref`` (a sha or branch) with ``external_id``, if any."""
    runs = gh.paginate(
        "/repos/{owner}/{repo}/commits/{ref}/check-runs{?check_name,filter,per_page}",
        {
            "owner": owner,
            "repo": repo,
            "ref": ref,
            "check_name": name,
            "filter": "all",
            "per_page": 100,
        },
        items_key="check_runs",
    )
    async for run in runs:
        if run.get("external_id") == external_id:
            found: dict[str, Any] = run
            return found
    return None


async def create_check_run(
    gh: InstallationClient,
    owner: str,
    repo: str,
    *,
    name: str,
    head_sha: str,
    external_id: str | None = None,
    status: str = "queued",
    details_url: str | None = None,
    output: Mapping[str, Any] | None = None,
    annotations: Sequence[Mapping[str, Any]] = (),
    **fields: Any,
) -> dict[str, Any]:
    """Create a check run; annotations beyond the first 50 follow as updates."""
    body: dict[str, Any] = {"name": name, "head_sha": head_sha, "status": status, **fields}
    if external_id is not None:
        body["external_id"] = external_id
    if details_url is not None:
        body["details_url"] = details_url
    batches = _batches(annotations)
    if output is not None:
        body["output"] = {**output, "annotations": batches[0]} if batches[0] else dict(output)
    created: dict[str, Any] = await gh.post(
        "/repos/{owner}/{repo}/check-runs", {"owner": owner, "repo": repo}, data=body
    )
    if output is not None and len(batches) > 1:
        created = await _send_batches(gh, owner, repo, created["id"], output, batches[1:], {})
    return created


async def update_check_run(
    gh: InstallationClient,
    owner: str,
    repo: str,
    check_run_id: int,
    *,
    output: Mapping[str, Any] | None = None,
    annotations: Sequence[Mapping[str, Any]] = (),
    **fields: Any,
) -> dict[str, Any]:
    """Update a check run (status, conclusion, output…), annotations in batches of 50.

    ``fields`` (a ``conclusion`` above all) go with the last batch, so the run completes only
    once every annotation is in.
    """
    if output is None:
        if annotations:
            raise ValueError("annotations need an output (title and summary) to travel in")
        updated: dict[str, Any] = await gh.patch(
            "/repos/{owner}/{repo}/check-runs/{check_run_id}",
            {"owner": owner, "repo": repo, "check_run_id": check_run_id},
            data=dict(fields),
        )
        return updated
    return await _send_batches(gh, owner, repo, check_run_id, output, _batches(annotations), fields)


async def _send_batches(
    gh: InstallationClient,
    owner: str,
    repo: str,
    check_run_id: int,
    output: Mapping[str, Any],
    batches: Sequence[list[dict[str, Any]]],
    fields: Mapping[str, Any],
) -> dict[str, Any]:
    updated: dict[str, Any] = {}
    for index, batch in enumerate(batches):
        body: dict[str, Any] = {"output": {**output, "annotations": batch}}
        if index == len(batches) - 1:
            body.update(fields)
        updated = await gh.patch(
            "/repos/{owner}/{repo}/check-runs/{check_run_id}",
            {"owner": owner, "repo": repo, "check_run_id": check_run_id},
            data=body,
        )
    return updated


def _batches(annotations: Sequence[Mapping[str, Any]]) -> list[list[dict[str, Any]]]:
    size = MAX_ANNOTATIONS_PER_REQUEST
    chunks = [
        [dict(item) for item in annotations[start : start + size]]
        for start in range(0, len(annotations), size)
    ]
    return chunks or [[]]
