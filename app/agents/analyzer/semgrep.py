"""Running semgrep over a list of targets and parsing its JSON into records."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.agents.analyzer import severity as severity_map
from app.agents.analyzer.fingerprint import code_digest
from app.agents.analyzer.fix_regions import semgrep_fix
from app.agents.analyzer.records import BlobResult, RawFinding, RawNotice
from app.agents.analyzer.rulepack import RulePack
from app.agents.analyzer.secrets import redact_text
from app.agents.analyzer.toolrun import ToolRunCounter, chunk_targets, find_executable, run_tool
from app.agents.analyzer.toolrun import tail as output_tail
from app.errors import ToolError

TOOL = "semgrep"
SNIPPET_MAX_LINES = 3
SNIPPET_MAX_CHARS = 300
INSTALL_FIX = "install it with `pip install semgrep` (or add it to the CI image)"


@dataclass(frozen=True)
class SemgrepLimits:
    """Per rule and file: whole seconds (semgrep takes no fractions) and MiB; a file on which
    ``timeout_threshold`` rules time out is skipped."""

    timeout: int = 5
    max_memory_mb: int = 2000
    timeout_threshold: int = 3
    max_target_bytes: int = 1_000_000
    # semgrep's --jobs; None: the analyzer splits the targets across single-job processes
    # instead (see workers).
    jobs: int | None = None
    # The whole run, so a stuck process cannot hold a PR check forever.
    process_timeout: float = 1800.0
    # semgrep's own OCaml command line (``--experimental``, "osemgrep"): the same engine and
    # the same JSON, without the Python front end that costs about 6 s of a 64-rule scan
    # (bench/analyze.py). A failure of it falls back to the Python front end.
    native_cli: bool = True

    def cache_token(self) -> str:
        cli = "-native" if self.native_cli else ""
        return f"t{self.timeout}-m{self.max_memory_mb}-n{self.timeout_threshold}{cli}"


def run_semgrep(
    cwd: Path,
    targets: Sequence[str],
    pack: RulePack,
    limits: SemgrepLimits,
    lines_of: Callable[[str], list[str]],
    counter: ToolRunCounter,
    *,
    advance: Callable[[int], None] | None = None,
) -> tuple[dict[str, BlobResult], list[RawNotice]]:
    """Findings per target path (every target gets an entry) and run-level notices;
    ``advance`` is told how many targets each semgrep process has finished."""
    results: dict[str, BlobResult] = {target: BlobResult() for target in targets}
    notices: list[RawNotice] = []
    if not targets:
        return results, notices
    executable = find_executable("semgrep", INSTALL_FIX)
    # Targets are explicit files, to which semgrep applies neither .gitignore nor .semgrepignore
    # (checked with 1.185): our exclusions are the only ones, and the cache stays exact.
    base = [
        executable,
        "scan",
        *pack.config_args(),
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--no-git-ignore",
        "--no-rewrite-rule-ids",
        f"--timeout={limits.timeout}",
        f"--max-memory={limits.max_memory_mb}",
        f"--timeout-threshold={limits.timeout_threshold}",
        f"--max-target-bytes={limits.max_target_bytes}",
        "--quiet",
    ]
    if limits.jobs:
        base.append(f"--jobs={limits.jobs}")
    native = limits.native_cli
    for chunk in chunk_targets(targets):
        # "--" so that a file named like an option is never read as one.
        document: dict[str, Any] | None = None
        if native:
            document, failure = _run_native(base, chunk, cwd, counter, limits.process_timeout)
            if document is None:
                native = False  # and for the other chunks
                notices.append(_fallback_notice(failure))
        if document is None:
            proc = run_tool(TOOL, [*base, "--", *chunk], cwd, counter, limits.process_timeout)
            document = _parse_output(proc.stdout, proc.returncode, proc.stderr)
        _collect(document, pack, results, notices, lines_of)
        if advance is not None:
            advance(len(chunk))
    return results, notices


def _run_native(
    base: list[str], chunk: Sequence[str], cwd: Path, counter: ToolRunCounter, timeout: float
) -> tuple[dict[str, Any] | None, str]:
    """Semgrep's OCaml front end on ``chunk``: its report, or None and why it failed."""
    # The project root is the working directory, as for the Python front end: without it the
    # native one finds no root outside a git checkout (a commit's blobs written to a temporary
    # directory) and then matches no rule's `paths.include` with a directory in it.
    argv = [*base[:2], "--experimental", "--project-root", ".", *base[2:], "--", *chunk]
    proc = run_tool(TOOL, argv, cwd, counter, timeout)
    try:
        return _parse_output(proc.stdout, proc.returncode, proc.stderr), ""
    except ToolError as exc:
        return None, str(exc)


def _fallback_notice(failure: str) -> RawNotice:
    return RawNotice(
        tool=TOOL,
        kind="tool-error",
        level="note",
        message=f"semgrep's native command line failed ({failure[:300]}); the scan used its "
        "Python command line instead, which is slower",
    )


def _parse_output(stdout: bytes, returncode: int, stderr: bytes) -> dict[str, Any]:
    try:
        # A target whose name is not UTF-8 comes back as its raw bytes: surrogateescape gives
        # the very string the target was given as, so its results find their file.
        document = json.loads(stdout.decode("utf-8", "surrogateescape"))
    except ValueError:
        raise ToolError(
            f"semgrep failed (exit {returncode}) without a JSON report: {output_tail(stderr)}; "
            f"check the rule pack and {INSTALL_FIX}"
        ) from None
    if not isinstance(document, dict):
        raise ToolError(f"semgrep printed an unexpected report (exit {returncode})")
    fatal = [
        e
        for e in document.get("errors", [])
        if isinstance(e, dict) and e.get("level") == "error" and not e.get("path")
    ]
    if fatal or returncode not in (0, 1):
        detail = "; ".join(str(e.get("message", e.get("type")))[:300] for e in fatal)
        raise ToolError(
            f"semgrep failed (exit {returncode}): {detail or output_tail(stderr)}; "
            "fix the rule named above or reinstall semgrep"
        )
    return document


def _collect(
    document: dict[str, Any],
    pack: RulePack,
    results: dict[str, BlobResult],
    notices: list[RawNotice],
    lines_of: Callable[[str], list[str]],
) -> None:
    for raw in document.get("results", []):
        path = raw.get("path")
        if path not in results:
            continue
        results[path].findings.append(_finding(raw, pack, lines_of(path)))
    for error in document.get("errors", []):
        notice = _notice(error)
        path = error.get("path")
        if path in results:
            results[path].notices.append(notice)
        else:
            notices.append(notice)


def _finding(raw: dict[str, Any], pack: RulePack, lines: list[str]) -> RawFinding:
    extra = raw.get("extra", {})
    rule_id = str(raw.get("check_id"))
    rule = pack.rules.get(rule_id)
    metadata: dict[str, Any] = extra.get("metadata") or (rule.metadata if rule else {})
    start, end = raw.get("start", {}), raw.get("end", {})
    start_line = max(int(start.get("line", 1)), 1)
    end_line = max(int(end.get("line", start_line)), start_line)
    snippet_lines = lines[start_line - 1 : min(end_line, start_line + SNIPPET_MAX_LINES - 1)]
    return RawFinding(
        tool=TOOL,
        rule_id=rule_id,
        severity=severity_map.from_semgrep(str(extra.get("severity", "WARNING"))),
        message=redact_text(str(extra.get("message", "")).strip()),
        start_line=start_line,
        start_column=max(int(start.get("col", 1)), 1),
        end_line=end_line,
        end_column=max(int(end.get("col", 1)), 1),
        digest=code_digest(lines, start_line, end_line),
        cwe=_tags(metadata.get("cwe")),
        owasp=_tags(metadata.get("owasp")),
        confidence=severity_map.confidence(metadata.get("confidence")),
        help=_help(metadata),
        help_uri=_help_uri(metadata),
        snippet=redact_text("\n".join(snippet_lines).strip())[:SNIPPET_MAX_CHARS] or None,
        fix=semgrep_fix(raw, lines, redact_text),
        pack=rule.pack if rule is not None else None,
    )


def _tags(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


def _help(metadata: dict[str, Any]) -> str | None:
    value = metadata.get("help")
    return str(value).strip() if value else None


def _help_uri(metadata: dict[str, Any]) -> str | None:
    references = metadata.get("references")
    if isinstance(references, list) and references:
        return str(references[0])
    if isinstance(references, str):
        return references
    source = metadata.get("source")
    return str(source) if isinstance(source, str) and source.startswith("http") else None


def _notice(error: dict[str, Any]) -> RawNotice:
    kind_raw = error.get("type")
    kind_name = kind_raw[0] if isinstance(kind_raw, list) and kind_raw else str(kind_raw)
    # Parse errors can quote the source line: redact it like any snippet.
    lines = str(error.get("message") or kind_name).strip().splitlines() or [kind_name]
    message = redact_text(lines[0][:500])
    rule_id = error.get("rule_id")
    if "Timeout" in kind_name:
        return RawNotice(
            tool=TOOL,
            kind="timeout",
            level="note",
            rule_id=rule_id,
            message=f"rule {rule_id or '(several)'} timed out on this file and was skipped there; "
            "raise --semgrep-timeout or exclude the file",
        )
    if "memory" in kind_name.lower():
        return RawNotice(
            tool=TOOL,
            kind="memory",
            level="note",
            rule_id=rule_id,
            message=f"rule {rule_id or '(several)'} ran out of memory on this file; "
            "raise --semgrep-max-memory or exclude the file",
        )
    if "pars" in kind_name.lower() or "syntax" in kind_name.lower() or "Lexical" in kind_name:
        return RawNotice(tool=TOOL, kind="parse-error", message=f"{kind_name}: {message}")
    return RawNotice(
        tool=TOOL, kind="tool-error", rule_id=rule_id, message=f"{kind_name}: {message}"
    )
