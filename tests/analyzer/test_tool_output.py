"""Parsing the tools' JSON, with output recorded from semgrep 1.185 and bandit 1.9."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.agents.analyzer import bandit, semgrep
from app.agents.analyzer.records import BlobResult, RawNotice
from app.agents.analyzer.rulepack import RulePack
from app.errors import ToolError

SEMGREP_ERRORS = [
    {
        "code": 3,
        "level": "warn",
        "type": "Lexical error",
        "message": "Lexical error at line bin.py:1:\n unrecognized symbol: \ufffd",
        "path": "bin.py",
    },
    {
        "code": 2,
        "level": "warn",
        "type": "Timeout",
        "rule_id": "python.slow",
        "message": "Timeout when running python.slow on big.py:\n ",
        "path": "big.py",
    },
    {
        "code": 3,
        "level": "warn",
        "type": ["PartialParsing", [{"path": "p.py"}]],
        "message": "Syntax error at line p.py:1",
        "path": "p.py",
    },
]


def test_semgrep_timeouts_and_parse_errors_become_notices_on_their_files() -> None:
    results = {p: BlobResult() for p in ("bin.py", "big.py", "p.py")}
    notices: list[RawNotice] = []
    document = {"results": [], "errors": SEMGREP_ERRORS}
    semgrep._collect(document, RulePack(Path(), "x"), results, notices, lambda _p: [])
    assert notices == []
    timeout = results["big.py"].notices[0]
    assert (timeout.kind, timeout.level, timeout.rule_id) == ("timeout", "note", "python.slow")
    assert "python.slow timed out" in timeout.message
    assert results["bin.py"].notices[0].kind == "parse-error"
    assert results["p.py"].notices[0].kind == "parse-error"


def test_semgrep_without_a_json_report_is_a_tool_error() -> None:
    with pytest.raises(ToolError, match=r"semgrep failed \(exit 2\).*boom"):
        semgrep._parse_output(b"", 2, b"boom")
    fatal = b'{"results": [], "errors": [{"level": "error", "message": "Invalid rule schema"}]}'
    with pytest.raises(ToolError, match="Invalid rule schema"):
        semgrep._parse_output(fatal, 7, b"")


def test_bandit_keeps_severity_confidence_cwe_and_redacts_passwords() -> None:
    document = {
        "errors": [{"filename": "./bad.py", "reason": "syntax error while parsing AST from file"}],
        "results": [
            {
                "col_offset": 4,
                "end_col_offset": 30,
                "filename": "./app.py",
                "issue_confidence": "MEDIUM",
                "issue_cwe": {"id": 259, "link": "https://cwe.mitre.org/data/definitions/259.html"},
                "issue_severity": "LOW",
                "issue_text": "Possible hardcoded password: 'hV7kq2Zr9mW4tL8xQ'",
                "line_number": 2,
                "line_range": [2],
                "more_info": "https://bandit.readthedocs.io/en/1.9.4/plugins/b105.html",
                "test_id": "B105",
                "test_name": "hardcoded_password_string",
            }
        ],
    }
    results = {"app.py": BlobResult(), "bad.py": BlobResult()}
    lines = ["def f():", '    password = "hV7kq2Zr9mW4tL8xQ"']
    bandit._collect(document, results, lambda _p: lines)
    finding = results["app.py"].findings[0]
    assert (finding.rule_id, finding.severity, finding.confidence) == ("B105", "note", "medium")
    assert finding.cwe == ["CWE-259"]
    assert (finding.start_line, finding.start_column, finding.end_column) == (2, 5, 31)
    assert "hV7kq2Zr9mW4tL8xQ" not in finding.message
    assert "hV7kq2Zr9mW4tL8xQ" not in (finding.snippet or "")
    assert results["bad.py"].notices[0].kind == "parse-error"
