"""Findings as the analyzer would report them, for the reporting tests."""

from __future__ import annotations

import hashlib
from typing import Any

from app.models.finding import Finding


def finding(**overrides: Any) -> Finding:
    values: dict[str, Any] = {
        "tool": "semgrep",
        "rule_id": "python.lang.security.audit.formatted-sql-query",
        "severity": "error",
        "message": "SQL query built with string formatting; use query parameters.",
        "path": "app/db.py",
        "start_line": 12,
        "end_line": 12,
        "start_column": 5,
        "end_column": 42,
        "cwe": ["CWE-89"],
        "fingerprint": "f3a9c2e4b1d07a65",
        "baseline_state": "new",
    }
    values.update(overrides)
    if "end_line" not in overrides:
        values["end_line"] = values["start_line"]
    if "fingerprint" not in overrides:
        key = f"{values['rule_id']}|{values['path']}|{values['start_line']}"
        values["fingerprint"] = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Finding(**values)
