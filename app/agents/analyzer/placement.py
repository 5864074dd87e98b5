"""Placing path-independent records at a path: findings with fingerprints, then the
repository configuration (disabled rules, severity overrides, per-project settings), one
finding per flaw (:mod:`.merge`) and the test-code policy (:mod:`.testcode`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import pathspec

from app.agents.analyzer.fingerprint import FingerprintInput, fingerprints
from app.agents.analyzer.merge import merge_flaws
from app.agents.analyzer.records import BlobResult
from app.agents.analyzer.testcode import apply_test_policy
from app.models.config import FailOn, RepoConfig, RulesConfig
from app.models.finding import Finding, Fix


def place(path: str, results: Sequence[BlobResult]) -> list[Finding]:
    raws = [raw for result in results for raw in result.findings]
    prints = fingerprints(
        path, [FingerprintInput(r.rule_id, r.digest, r.start_line, r.start_column) for r in raws]
    )
    findings: list[Finding] = []
    for raw, fingerprint in zip(raws, prints, strict=True):
        confidence = raw.confidence if raw.confidence in ("high", "medium", "low") else None
        findings.append(
            Finding(
                tool=raw.tool,
                rule_id=raw.rule_id,
                severity=raw.severity,
                message=raw.message,
                path=path,
                start_line=raw.start_line,
                start_column=raw.start_column,
                end_line=raw.end_line,
                end_column=raw.end_column,
                cwe=raw.cwe,
                owasp=raw.owasp,
                confidence=confidence,
                help=raw.help,
                help_uri=raw.help_uri,
                snippet=raw.snippet,
                fingerprint=fingerprint,
                fix=Fix(**asdict(raw.fix)) if raw.fix is not None else None,
                pack=raw.pack,
            )
        )
    return findings


def _rule_names(finding: Finding) -> tuple[str, str]:
    return finding.rule_id, f"{finding.tool}:{finding.rule_id}"


class ProjectSettings:
    """The settings in force at a path: the repository's, refined by its project's."""

    def __init__(self, config: RepoConfig) -> None:
        self._config = config
        self._projects = [
            (pathspec.GitIgnoreSpec.from_lines(project.paths), project)
            for project in config.projects or ()
        ]

    def rules_for(self, path: str) -> list[RulesConfig]:
        found = [self._config.rules]
        found.extend(p.rules for spec, p in self._projects if spec.match_file(path))
        return found

    def fail_on_for(self, path: str) -> FailOn:
        for spec, project in self._projects:
            if project.fail_on is not None and spec.match_file(path):
                return project.fail_on
        return self._config.fail_on


def apply_config(
    findings: list[Finding], config: RepoConfig, declared_tests: Sequence[str] = ()
) -> list[Finding]:
    """The findings the configuration keeps, at their configured severity, each flaw once
    (merged after the rules are disabled: a disabled rule's finding is no evidence), with the
    test-code policy applied."""
    settings = ProjectSettings(config)
    kept: list[Finding] = []
    for finding in findings:
        names = _rule_names(finding)
        rules = settings.rules_for(finding.path)
        if any(name in r.disable for r in rules for name in names):
            continue
        for r in rules:  # later (project) settings win
            for name in names:
                if name in r.severity:
                    finding = finding.model_copy(update={"severity": r.severity[name]})
        kept.append(finding)
    return apply_test_policy(merge_flaws(kept), config, declared_tests)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.start_line, f.start_column, f.rule_id))
