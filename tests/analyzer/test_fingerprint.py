from __future__ import annotations

from app.agents.analyzer.fingerprint import FingerprintInput, code_digest, fingerprints
from app.agents.analyzer.placement import place
from app.agents.analyzer.records import BlobResult, RawFinding


def _finding_at(text: str, needle: str) -> RawFinding:
    lines = text.split("\n")
    line = next(i for i, s in enumerate(lines, 1) if needle in s)
    return RawFinding(
        tool="semgrep",
        rule_id="test.rule",
        severity="error",
        message="m",
        start_line=line,
        start_column=1,
        end_line=line,
        end_column=2,
        digest=code_digest(lines, line, line),
    )


def _fingerprint(text: str, needle: str, path: str = "app/x.py") -> str:
    return place(path, [BlobResult(findings=[_finding_at(text, needle)])])[0].fingerprint


ORIGINAL = "def handler(request):\n    value = request.args['q']\n    run(value, shell=True)\n"


def test_fingerprint_survives_lines_inserted_above() -> None:
    edited = "import os\n\n# a comment\n" + ORIGINAL.replace(
        "    value", "    logger.info('x')\n    value"
    )
    assert _fingerprint(edited, "shell=True") == _fingerprint(ORIGINAL, "shell=True")


def test_fingerprint_survives_reindentation() -> None:
    reindented = "class C:\n" + "".join(f"    {line}\n" for line in ORIGINAL.splitlines())
    reindented = reindented.replace("run(value, shell=True)", "run(value,  shell=True)")
    assert _fingerprint(reindented, "shell=True") == _fingerprint(ORIGINAL, "shell=True")


def test_fingerprint_changes_when_the_flagged_code_changes() -> None:
    changed = ORIGINAL.replace("run(value, shell=True)", "run(other, shell=True)")
    assert _fingerprint(changed, "shell=True") != _fingerprint(ORIGINAL, "shell=True")


def test_fingerprint_depends_on_path_and_rule() -> None:
    assert _fingerprint(ORIGINAL, "shell", "a.py") != _fingerprint(ORIGINAL, "shell", "b.py")
    digest = "d" * 64
    first = fingerprints("a.py", [FingerprintInput("r1", digest, 1, 1)])
    second = fingerprints("a.py", [FingerprintInput("r2", digest, 1, 1)])
    assert first != second


def test_identical_matches_in_one_file_get_distinct_stable_fingerprints() -> None:
    digest = "d" * 64
    items = [FingerprintInput("r", digest, 10, 1), FingerprintInput("r", digest, 3, 1)]
    prints = fingerprints("a.py", items)
    assert len(set(prints)) == 2
    # Moving both down keeps each fingerprint: the occurrence index follows position order.
    moved = [FingerprintInput("r", digest, 20, 1), FingerprintInput("r", digest, 13, 1)]
    assert fingerprints("a.py", moved) == prints
