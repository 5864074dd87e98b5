"""Test code is not production code: the test-code policy.

A path is test code when it matches ``paths.tests`` in the configuration (gitignore-style), or,
when that is unset, :data:`DEFAULT_TEST_PATHS`: the test folders and file names of the test
frameworks the scanner knows (pytest, unittest, go test, Jest, Vitest, Mocha, RSpec, JUnit…),
test data, examples and documentation; and what the project's test runners declare (pytest's
``testpaths``, Jest's ``testMatch``, Vitest's ``test.include``: the scanner's
``ScanReport.declared_tests``, which each caller passes in). There, by ``paths.test_policy``:

- ``suppress`` (the default): findings of the flaws that do not apply to tests (debug mode,
  hard-coded test credentials, asserts, requests without a timeout, TLS verification off, weak
  hashes and randomness, binding all interfaces, cleartext protocols, temporary files) are
  reported as suppressed, never counted; every other finding is a note at most: a test's own
  view functions echo request data on purpose, and test code does not ship, so a flow there is
  worth a look, not a warning or a failed check.
- ``downgrade``: the same, but the flaws that do not apply are notes instead of suppressed.
- ``off``: test code is judged like production code.

A provider's token (AWS, GitHub, Stripe…) in test code is no test value, and a vulnerable
dependency is one wherever it is declared: those are only capped at warning. What the policy
changed is recorded on each finding (``Finding.test_code``) and said once in a notice
(:func:`policy_notices`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pathspec

from app.agents.analyzer.flaws import flaw_families
from app.models.analysis import AnalysisNotice
from app.models.config import PathsConfig, RepoConfig
from app.models.finding import SEVERITY_RANK, Finding, InTestCode, Severity, Suppression

DEFAULT_TEST_PATHS: tuple[str, ...] = (
    "tests/",
    "test/",
    "testing/",
    "spec/",
    "__tests__/",
    "__mocks__/",
    "testdata/",
    "test-data/",
    "test_data/",
    "fixtures/",
    "__fixtures__/",
    "e2e/",
    "cypress/",
    "examples/",
    "example/",
    "samples/",
    "docs/",
    "doc/",
    "conftest.py",
    "test_*.py",
    "*_test.py",
    "*_test.go",
    "*.test.*",
    "*.spec.*",
    "*_spec.rb",
    "*_test.rb",
    "*Test.java",
    "*Tests.java",
    "*Test.kt",
)
# Flaw families (app.agents.analyzer.flaws) that are no flaw in a test.
NOT_IN_TESTS: frozenset[str] = frozenset(
    {
        "debug",
        "hard-coded-secret",
        "assert",
        "error-handling",
        "timeout",
        "tls-verification",
        "weak-crypto",
        "weak-random",
        "bind-all-interfaces",
        "cleartext",
        "temp-file",
    }
)
CONFIG_HINT = (
    "set `paths.tests` (which paths are test code) or `paths.test_policy` "
    "(suppress, downgrade or off) in .github/vibe.yml to change it"
)
JUSTIFICATION = f"test code: this flaw does not apply to tests (test-code policy; {CONFIG_HINT})"
_PATTERNS_SHOWN = 6


class PolicyForTests:
    """The test-code policy of one configuration. ``declared``: the test code the project's
    test runners declare (the scanner's ``ScanReport.declared_tests`` patterns: pytest's
    ``testpaths``, Jest's ``testMatch``…), test code beside the defaults; ``paths.tests``, when
    set, replaces both."""

    def __init__(self, paths: PathsConfig, declared: Sequence[str] = ()) -> None:
        self.mode = paths.test_policy
        self.patterns: tuple[str, ...] = (
            tuple(paths.tests)
            if paths.tests is not None
            else (
                *dict.fromkeys(p for p in declared if p not in DEFAULT_TEST_PATHS),
                *DEFAULT_TEST_PATHS,
            )
        )
        self._spec = pathspec.GitIgnoreSpec.from_lines(list(self.patterns))

    def is_test_code(self, path: str) -> bool:
        return bool(self.patterns) and self._spec.match_file(path)

    def apply(self, findings: list[Finding]) -> list[Finding]:
        if self.mode == "off" or not self.patterns:
            return findings
        return [self._apply_one(f) if self.is_test_code(f.path) else f for f in findings]

    def _apply_one(self, finding: Finding) -> Finding:
        if _applies_in_tests(finding):
            cap: Severity = "warning" if _real_wherever_it_sits(finding) else "note"
            if SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[cap]:
                return finding
            return finding.model_copy(
                update={
                    "severity": cap,
                    "test_code": InTestCode(
                        action="downgraded", original_severity=finding.severity
                    ),
                }
            )
        if self.mode == "suppress":
            return finding.model_copy(
                update={
                    "suppression": finding.suppression or Suppression(justification=JUSTIFICATION),
                    "test_code": InTestCode(
                        action="suppressed", original_severity=finding.severity
                    ),
                }
            )
        if finding.severity == "note":
            return finding
        return finding.model_copy(
            update={
                "severity": "note",
                "test_code": InTestCode(action="downgraded", original_severity=finding.severity),
            }
        )

    def describe_paths(self) -> str:
        shown = ", ".join(self.patterns[:_PATTERNS_SHOWN])
        return shown + (" …" if len(self.patterns) > _PATTERNS_SHOWN else "")


def _real_wherever_it_sits(finding: Finding) -> bool:
    # A vulnerable dependency, or a provider's token: no test value.
    return finding.vulnerability is not None or (
        finding.tool == "secrets" and finding.confidence == "high"
    )


def _applies_in_tests(finding: Finding) -> bool:
    if _real_wherever_it_sits(finding):
        return True
    return not (flaw_families(finding) & NOT_IN_TESTS)


def apply_test_policy(
    findings: list[Finding], config: RepoConfig, declared: Sequence[str] = ()
) -> list[Finding]:
    return PolicyForTests(config.paths, declared).apply(findings)


def policy_effects(findings: list[Finding]) -> dict[str, int]:
    """How many current findings the policy left out, set to note, lowered to warning."""
    counts = {"left out": 0, "set to note": 0, "lowered to warning": 0}
    for finding in findings:
        effect = finding.test_code
        if effect is None or finding.baseline_state == "absent":
            continue
        if effect.action == "suppressed":
            counts["left out"] += 1
        elif SEVERITY_RANK[finding.severity] == SEVERITY_RANK["note"]:
            counts["set to note"] += 1
        else:
            counts["lowered to warning"] += 1
    return {label: n for label, n in counts.items() if n}


def policy_notices(
    findings: list[Finding], config: RepoConfig, declared: Sequence[str] = ()
) -> list[AnalysisNotice]:
    """The report's one notice of what the policy did (none when it did nothing)."""
    effects = policy_effects(findings)
    if not effects:
        return []
    policy = PolicyForTests(config.paths, declared)
    total = sum(effects.values())
    what = ", ".join(f"{n:,} {label}" for label, n in effects.items())
    return [
        AnalysisNotice(
            tool="analyzer",
            kind="test-code",
            level="note",
            message=f"{total:,} finding{'s' if total != 1 else ''} in test code "
            f"({policy.describe_paths()}) {'were' if total != 1 else 'was'} changed under the "
            f"test-code policy ({policy.mode}): {what}; {CONFIG_HINT}",
        )
    ]
