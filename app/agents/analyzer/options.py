"""What an analysis is asked to do: the options every caller (CLI, Action, jobs) fills."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.agents.analyzer import semgrep as semgrep_tool
from app.agents.analyzer.progress import ProgressCallback
from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR, LANGUAGE_SUFFIXES, PackDirectory
from app.models.config import RepoConfig
from app.models.scan import Dependency

if TYPE_CHECKING:
    from app.agents.vulns.dependency_check import VulnerabilityOptions

ALL_TOOLS: tuple[str, ...] = ("semgrep", "bandit", "secrets")
SOURCE_SUFFIXES = frozenset(s for suffixes in LANGUAGE_SUFFIXES.values() for s in suffixes)


@dataclass
class AnalysisOptions:
    rules_dir: Path = DEFAULT_RULES_DIR
    config: RepoConfig = field(default_factory=RepoConfig)
    base_ref: str | None = None
    cache_dir: Path | None = None
    limits: semgrep_tool.SemgrepLimits = field(default_factory=semgrep_tool.SemgrepLimits)
    max_file_bytes: int = 1_000_000
    tools: tuple[str, ...] = ALL_TOOLS
    # The scanner's dependencies of the tree, matched against the local OSV database when
    # ``vulnerabilities`` is set: the caller has scanned already, nothing is parsed twice.
    dependencies: Sequence[Dependency] = ()
    vulnerabilities: VulnerabilityOptions | None = None
    # Told, from the analysis' threads one call at a time, how far each tool has got.
    progress: ProgressCallback | None = None
    # Processes per tool (semgrep and bandit); None: as many as keep this machine's cores busy
    # (app.agents.analyzer.workers).
    processes_per_tool: int | None = None
    # Custom rule packs, staged and validated (app.agents.analyzer.pack_stage.staged_packs):
    # the repository's ``rules.packs`` and the organisation's VIBE_RULES_DIR.
    packs: tuple[PackDirectory, ...] = ()
    # The test code the project's test runners declare (the scanner's ScanReport.declared_tests
    # patterns), judged by the test-code policy beside its default paths
    # (app.agents.analyzer.testcode).
    declared_tests: tuple[str, ...] = ()
    # Where the files handed to the tools are written (a temporary folder per side, inside it);
    # None: the system's temporary folder. The App keeps them under VIBE_DATA_DIR
    # (:func:`default_work_dir`).
    work_dir: Path | None = None


def app_options(
    config: RepoConfig,
    data_dir: Path,
    packs: tuple[PackDirectory, ...],
    declared_tests: Sequence[str],
) -> AnalysisOptions:
    """The options of an analysis the App runs on a repository's commits: the tools' cache and
    files under VIBE_DATA_DIR, the custom packs, and the test code the scanner found declared."""
    return AnalysisOptions(
        config=config,
        cache_dir=default_cache_dir(data_dir),
        work_dir=default_work_dir(data_dir),
        packs=packs,
        declared_tests=tuple(declared_tests),
    )


def default_cache_dir(data_dir: Path) -> Path:
    return data_dir / "cache" / "analyzer"


def default_work_dir(data_dir: Path) -> Path:
    """Where the App's analyses write the files they hand to the tools."""
    return data_dir / "work"


def pack_memo_dir(data_dir: Path) -> Path:
    """Where custom packs that semgrep accepted are remembered (by content)."""
    return data_dir / "cache" / "rule-packs"
