"""What an upgrade changes at one commit: its dependencies matched against the local OSV
database, the manifests of its vulnerable direct pins edited (only the version bytes), and the
proposal that carries them (blocking parts: run them in a thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pygit2

from app.agents.analyzer.engine import add_vulnerabilities
from app.agents.vulns.dependency_check import options_for
from app.agents.vulns.store import OsvDatabase, OsvDatabaseMissing
from app.agents.vulns.trees import dependencies_in_tree, tree_reader
from app.agents.vulns.upgrade_pins import advisory_notes, unpinned, vulnerable_pins
from app.agents.vulns.upgrades import (
    AdvisoryNote,
    ManifestUpgrade,
    Skipped,
    render_upgrade_body,
    upgrade_manifests,
)
from app.models.analysis import AnalysisReport, VulnerabilityDatabase
from app.models.config import RepoConfig
from app.models.scan import Dependency
from app.proposals import Proposal

UPGRADE_BRANCH = "vibe/upgrades"
UPGRADE_TITLE = "Upgrade vulnerable dependencies"
MAX_BODY_CHARS = 60_000  # room for the proposal's marker under GitHub's 65,536


@dataclass
class UpgradePlan:
    """The manifests edited (and what could not be) for one commit."""

    manifests: list[ManifestUpgrade] = field(default_factory=list)
    notes: dict[str, AdvisoryNote] = field(default_factory=dict)
    database: VulnerabilityDatabase | None = None

    @property
    def changes(self) -> dict[str, bytes | None]:
        return {m.path: m.text.encode("utf-8") for m in self.manifests if m.changed}

    def summary(self) -> dict[str, Any]:
        return {
            "upgraded": [
                f"{m.path}: {u.package} {u.from_version} -> {u.to_version}"
                for m in self.manifests
                for u in m.upgrades
            ],
            "not_upgraded": [
                f"{m.path}: {s.package} {s.installed} ({s.reason})"
                for m in self.manifests
                for s in m.skipped
            ],
        }


def stored_dependencies(report: dict[str, Any] | None) -> list[Dependency] | None:
    """The dependency inventory of a stored baseline scan, or None without one."""
    if report is None:
        return None
    found = (report.get("scan") or {}).get("dependencies")
    if not isinstance(found, list):
        return None
    return [Dependency.model_validate(item) for item in found]


def plan_upgrades(
    mirror: Path,
    head_sha: str,
    config: RepoConfig,
    data_dir: Path,
    max_age_days: float,
    inventory: list[Dependency] | None,
) -> UpgradePlan:
    """Match the commit's dependencies and edit the manifests of its vulnerable pins
    (blocking: run it in a thread)."""
    repo = pygit2.Repository(str(mirror))
    tree = repo[head_sha].peel(pygit2.Tree)
    dependencies = inventory if inventory is not None else dependencies_in_tree(tree)
    options = options_for(data_dir, max_age_days, config, now=datetime.now(UTC))
    report = AnalysisReport(root=mirror.name)
    add_vulnerabilities(report, dependencies, None, options, config, read_head=tree_reader(tree))
    plan = UpgradePlan(database=report.vulnerabilities)
    if not options.database.is_file():
        return plan
    try:
        with OsvDatabase.open_readonly(options.database) as db:
            pins = vulnerable_pins(report.findings, db)
    except OsvDatabaseMissing:
        return plan
    read = tree_reader(tree)
    texts: dict[str, str] = {}
    for manifest in {pin.manifest for pin in pins}:
        data = read(manifest)
        if data is None:
            continue
        try:
            texts[manifest] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # reported as "could not be read"; never re-encoded differently
    plan.manifests = upgrade_manifests(texts, pins)
    _add_unpinned(plan.manifests, unpinned(report.findings))
    plan.notes = advisory_notes(report.findings)
    return plan


def _add_unpinned(manifests: list[ManifestUpgrade], ranges: dict[str, list[Skipped]]) -> None:
    by_path = {m.path: m for m in manifests}
    for path, skipped in ranges.items():
        if path not in by_path:
            by_path[path] = ManifestUpgrade(path=path, original="", text="")
            manifests.append(by_path[path])
        by_path[path].skipped.extend(skipped)
    manifests.sort(key=lambda m: m.path)


def upgrade_proposal(plan: UpgradePlan, base: str, base_sha: str) -> Proposal:
    body = render_upgrade_body(plan.manifests, plan.notes)
    database = plan.database
    if database is not None and database.ecosystems:
        ages = ", ".join(
            f"{age.ecosystem} imported {age.imported_at[:10]}" for age in database.ecosystems
        )
        body += f"\nAdvisories from the local OSV database ({ages}).\n"
    if database is not None and database.warning:
        body += f"\n> [!WARNING]\n> {database.warning}\n"
    if len(body) > MAX_BODY_CHARS:
        # GitHub refuses a body over 65,536 characters (422); the files hold every edit anyway.
        cut = body.rfind("\n", 0, MAX_BODY_CHARS)
        body = body[:cut] + "\n\n… (cut: the list is too long; the diff has every upgrade)\n"
    return Proposal(
        branch=UPGRADE_BRANCH,
        base=base,
        title=UPGRADE_TITLE,
        body=body,
        changes=plan.changes,
        commit_message=(
            f"{UPGRADE_TITLE}\n\nProposed by VibeIntelligence from the local OSV database."
        ),
        base_sha=base_sha,
    )
