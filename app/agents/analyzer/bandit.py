"""Running bandit (through :mod:`.bandit_main`) over Python targets and parsing its JSON, each
check graded by :mod:`.bandit_grades`."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.agents.analyzer import bandit_grades
from app.agents.analyzer import severity as severity_map
from app.agents.analyzer.fingerprint import code_digest
from app.agents.analyzer.records import BlobResult, RawFinding, RawNotice
from app.agents.analyzer.secrets import redact, redact_text
from app.agents.analyzer.toolrun import ToolRunCounter, chunk_targets, run_tool, tool_version
from app.agents.analyzer.toolrun import tail as output_tail
from app.errors import ToolError

TOOL = "bandit"
SUFFIXES = (".py", ".pyw")
INSTALL_FIX = "install it with `pip install bandit`"
SNIPPET_MAX_CHARS = 300
# Hard-coded password tests quote the password in their message.
_PASSWORD_TESTS = frozenset({"B105", "B106", "B107"})
_QUOTED = re.compile(r"'([^']*)'")


def run_bandit(
    cwd: Path,
    targets: Sequence[str],
    lines_of: Callable[[str], list[str]],
    counter: ToolRunCounter,
    process_timeout: float = 1800.0,
    *,
    advance: Callable[[int], None] | None = None,
    skip: Sequence[str] = bandit_grades.SKIPPED,
) -> tuple[dict[str, BlobResult], list[RawNotice]]:
    """Findings per target path; ``advance`` is told how many targets each process finished;
    the checks in ``skip`` are not run (:func:`.bandit_grades.skipped`)."""
    results: dict[str, BlobResult] = {target: BlobResult() for target in targets}
    if not targets:
        return results, []
    if tool_version("bandit") == "missing":
        raise ToolError(f"bandit is not installed; {INSTALL_FIX}")
    # -P: the working directory (the repository under analysis) must not shadow our modules
    # or bandit's, or scanning a pull request would run its code. -q drops the banner; all
    # severities and confidences are kept (no -l / -i): bandit_grades maps them. The checks
    # graded off are not run, unless the configuration turned them on.
    base = [sys.executable, "-P", "-m", "app.agents.analyzer.bandit_main", "-f", "json", "-q"]
    if skip:
        base += ["--skip", ",".join(skip)]
    for chunk in chunk_targets(targets):
        proc = run_tool(TOOL, [*base, "--", *chunk], cwd, counter, process_timeout)
        try:
            document: dict[str, Any] = json.loads(proc.stdout)
        except ValueError:
            raise ToolError(
                f"bandit failed (exit {proc.returncode}) without a JSON report: "
                f"{output_tail(proc.stderr)}; {INSTALL_FIX}"
            ) from None
        _collect(document, results, lines_of)
        if advance is not None:
            advance(len(chunk))
    return results, []


def _normalize(filename: str) -> str:
    return filename[2:] if filename.startswith("./") else filename


def _collect(
    document: dict[str, Any], results: dict[str, BlobResult], lines_of: Callable[[str], list[str]]
) -> None:
    for raw in document.get("results", []):
        path = _normalize(str(raw.get("filename", "")))
        if path in results:
            results[path].findings.append(_finding(raw, lines_of(path)))
    for error in document.get("errors", []):
        path = _normalize(str(error.get("filename", "")))
        if path in results:
            reason = redact_text(str(error.get("reason", "could not be analyzed")))
            results[path].notices.append(
                RawNotice(tool=TOOL, kind="parse-error", message=f"bandit: {reason}")
            )


def _message(test_id: str, text: str) -> str:
    if test_id in _PASSWORD_TESTS:
        text = _QUOTED.sub(lambda m: f"'{redact(m.group(1))}'", text)
    return redact_text(text)


def _finding(raw: dict[str, Any], lines: list[str]) -> RawFinding:
    test_id = str(raw.get("test_id", "B000"))
    line_range = [int(n) for n in raw.get("line_range") or [raw.get("line_number", 1)]]
    start_line = max(int(raw.get("line_number", line_range[0])), 1)
    end_line = max(max(line_range), start_line)
    cwe = raw.get("issue_cwe") or {}
    cwe_id = cwe.get("id") if isinstance(cwe, dict) else None
    end_col = raw.get("end_col_offset")
    snippet = "\n".join(lines[start_line - 1 : min(end_line, start_line + 2)]).strip()
    return RawFinding(
        tool=TOOL,
        rule_id=test_id,
        severity=bandit_grades.grade(
            test_id, str(raw.get("issue_severity", "MEDIUM")), raw.get("issue_confidence")
        ),
        message=_message(test_id, str(raw.get("issue_text", "")).strip()),
        start_line=start_line,
        start_column=int(raw.get("col_offset", 0)) + 1,
        end_line=end_line,
        end_column=int(end_col) + 1 if isinstance(end_col, int) and end_col >= 0 else 1,
        digest=code_digest(lines, start_line, end_line),
        cwe=[f"CWE-{cwe_id}"] if cwe_id else [],
        confidence=severity_map.confidence(raw.get("issue_confidence")),
        help=f"Bandit test `{raw.get('test_name', test_id)}` ({test_id}).",
        help_uri=str(raw["more_info"]) if raw.get("more_info") else None,
        snippet=redact_text(snippet)[:SNIPPET_MAX_CHARS] or None,
    )
