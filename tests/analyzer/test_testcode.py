"""The test-code policy (app.agents.analyzer.testcode): which paths are test code, and what
happens to findings there."""

from __future__ import annotations

from typing import Any

import pytest

from app.agents.analyzer.placement import apply_config
from app.agents.analyzer.testcode import PolicyForTests, policy_notices
from app.models.config import ConfigError, PathsConfig, RepoConfig, load_repo_config
from app.models.finding import Finding
from app.reporting.summary import ReportContext, render_check_output


def finding(path: str, rule_id: str, cwe: str, severity: str = "warning", **values: Any) -> Finding:
    fields: dict[str, Any] = {
        "tool": "semgrep",
        "rule_id": rule_id,
        "severity": severity,
        "message": f"{rule_id} message",
        "path": path,
        "start_line": 3,
        "end_line": 3,
        "cwe": [cwe],
        "fingerprint": f"fp-{path}-{rule_id}",
    }
    fields.update(values)
    return Finding(**fields)


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_app.py",
        "pkg/tests/helpers.py",
        "test/unit/a.js",
        "test_views.py",
        "pkg/views_test.py",
        "server/handler_test.go",
        "web/src/app.spec.ts",
        "web/src/app.test.js",
        "web/src/__tests__/app.jsx",
        "internal/testdata/config.go",
        "examples/quickstart.py",
        "docs/conf.py",
        "conftest.py",
    ],
)
def test_test_code_is_recognised_by_path(path: str) -> None:
    assert PolicyForTests(PathsConfig()).is_test_code(path)


@pytest.mark.parametrize("path", ["app/views.py", "src/testimony.py", "latest.go", "contest.py"])
def test_production_code_is_not_test_code(path: str) -> None:
    assert not PolicyForTests(PathsConfig()).is_test_code(path)


def test_flaws_that_do_not_apply_to_tests_are_suppressed_there_and_still_reported() -> None:
    debug = finding("tests/test_app.py", "python.flask-debug", "CWE-489")
    same_in_app = finding("app.py", "python.flask-debug", "CWE-489")

    in_tests, in_app = apply_config([debug, same_in_app], RepoConfig())

    assert in_tests.suppression is not None and "test code" in in_tests.suppression.justification
    assert in_tests.test_code is not None and in_tests.test_code.action == "suppressed"
    assert in_tests.severity == "warning"  # as found; it never counts
    assert in_app.suppression is None and in_app.test_code is None


def test_an_injection_flow_in_a_test_is_still_reported_as_a_note() -> None:
    flow = finding("tests/test_db.py", "python.sql-injection", "CWE-89", severity="error")
    (found,) = apply_config([flow], RepoConfig())
    assert (found.severity, found.suppression) == ("note", None)
    assert found.test_code is not None and found.test_code.original_severity == "error"


def test_a_providers_token_in_a_test_is_capped_not_suppressed() -> None:
    token = finding(
        "tests/test_api.py",
        "secrets.github-token",
        "CWE-798",
        "error",
        tool="secrets",
        confidence="high",
    )
    test_value = finding(
        "tests/test_api.py",
        "secrets.framework-secret-key",
        "CWE-798",
        tool="secrets",
        confidence="medium",
        start_line=9,
        end_line=9,
    )
    real, fake = apply_config([token, test_value], RepoConfig())
    assert (real.severity, real.suppression) == ("warning", None)
    assert fake.suppression is not None


def test_downgrade_sets_notes_and_off_judges_tests_like_production() -> None:
    debug = finding("tests/test_app.py", "python.flask-debug", "CWE-489")
    flow = finding("tests/test_db.py", "python.sql-injection", "CWE-89", severity="error")

    downgrade = RepoConfig(paths=PathsConfig(test_policy="downgrade"))
    assert [(f.severity, f.suppression) for f in apply_config([debug, flow], downgrade)] == [
        ("note", None),
        ("note", None),
    ]
    off = RepoConfig(paths=PathsConfig(test_policy="off"))
    assert apply_config([debug, flow], off) == [debug, flow]


def test_paths_tests_replaces_the_defaults() -> None:
    config = load_repo_config("paths:\n  tests: ['qa/**']\n", ".github/vibe.yml")
    in_qa = finding("qa/check.py", "python.flask-debug", "CWE-489")
    in_tests = finding("tests/test_app.py", "python.flask-debug", "CWE-489")

    qa, tests = apply_config([in_qa, in_tests], config)

    assert qa.suppression is not None
    assert tests.suppression is None and tests.test_code is None


def test_the_policy_is_validated_with_the_line_and_off_may_be_written_bare() -> None:
    config = load_repo_config("paths:\n  test_policy: off\n", ".github/vibe.yml")
    assert config.paths.test_policy == "off"
    with pytest.raises(ConfigError) as caught:
        load_repo_config("paths:\n  tests: []\n  test_policy: sometimes\n", ".github/vibe.yml")
    assert str(caught.value) == (
        "`.github/vibe.yml` line 3: `paths.test_policy` must be one of suppress, downgrade, off"
    )


def test_the_report_and_the_check_summary_state_what_the_policy_did() -> None:
    findings = apply_config(
        [
            finding("tests/test_app.py", "python.flask-debug", "CWE-489"),
            finding("tests/test_db.py", "python.sql-injection", "CWE-89", severity="error"),
            finding("app.py", "python.flask-debug", "CWE-489"),
        ],
        RepoConfig(),
    )

    (notice,) = policy_notices(findings, RepoConfig())
    assert notice.kind == "test-code"
    assert notice.message.startswith("2 findings in test code (tests/, test/")
    assert "1 left out, 1 set to note" in notice.message
    assert "`paths.tests`" in notice.message
    assert policy_notices(findings[2:], RepoConfig()) == []

    summary = render_check_output(findings, ReportContext()).summary
    assert "2 findings in test code were changed under the test-code policy" in summary
    assert "`paths.tests`" in summary
