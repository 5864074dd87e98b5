"""A scan's SARIF file and full report (a pull request check, a baseline), put in artifact
storage and indexed for downloads.

Keys: ``sarif/<repository_id>/<sha>/<job_id>.sarif.json`` and
``reports/<repository_id>/<sha>/<job_id>.json``. Storing is best effort for the check: an
unreachable bucket is logged and the check's verdict stands (the database keeps the findings).
"""

from __future__ import annotations

import asyncio
import re

import asyncpg  # type: ignore[import-untyped,unused-ignore]
import orjson

from app.agents.analyzer.sarif import build_sarif
from app.artifacts.base import ArtifactError
from app.artifacts.store import open_artifact_store
from app.logging import get_logger
from app.models.analysis import AnalysisReport
from app.models.scan import ScanReport
from app.settings import Settings
from app.store import artifacts as artifacts_store

SARIF_TYPE = "application/sarif+json"
REPORT_TYPE = "application/json"
_UNSAFE = re.compile(r"[^A-Za-z0-9._:@=+-]")

log = get_logger("app.artifacts.reports")


def report_keys(repository_id: int, sha: str, job_id: str) -> tuple[str, str]:
    job = _UNSAFE.sub("_", job_id)
    return (
        f"sarif/{repository_id}/{sha}/{job}.sarif.json",
        f"reports/{repository_id}/{sha}/{job}.json",
    )


def _documents(report: AnalysisReport, scan: ScanReport | None) -> tuple[bytes, bytes]:
    sarif = orjson.dumps(build_sarif(report))
    full = orjson.dumps(
        {
            "analysis": report.model_dump(mode="json"),
            "scan": scan.model_dump(mode="json") if scan is not None else None,
        }
    )
    return sarif, full


async def store_scan_reports(
    pool: asyncpg.Pool,
    settings: Settings,
    *,
    repository_id: int,
    installation_id: int | None,
    sha: str,
    job_id: str,
    report: AnalysisReport,
    scan: ScanReport | None,
) -> list[str]:
    """Store both documents; the keys stored (empty when the store failed, which is logged)."""
    sarif_key, report_key = report_keys(repository_id, sha, job_id)
    sarif, full = await asyncio.to_thread(_documents, report, scan)
    stored: list[str] = []
    try:
        store = open_artifact_store(settings)
        for key, data, kind, content_type in (
            (sarif_key, sarif, "sarif", SARIF_TYPE),
            (report_key, full, "scan_report", REPORT_TYPE),
        ):
            info = await store.put_bytes(key, data, content_type)
            await artifacts_store.record_artifact(
                pool,
                key=key,
                kind=kind,  # type: ignore[arg-type]
                content_type=content_type,
                size=info.size,
                installation_id=installation_id,
                repository_id=repository_id,
                job_id=job_id,
                details={"sha": sha},
            )
            stored.append(key)
    except ArtifactError as exc:
        log.error("check reports not stored", error=str(exc), repository_id=repository_id)
    return stored
