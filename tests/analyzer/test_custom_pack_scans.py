"""Custom rule packs through semgrep itself: validated offline before use, run beside the
built-in pack, their findings named by pack, and cached by content like ours."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from app.agents.analyzer.custom_packs import PackError, PackFile, PackSource
from app.agents.analyzer.engine import AnalysisOptions, analyze
from app.agents.analyzer.pack_stage import stage, staged_packs, validate
from app.agents.analyzer.sarif import build_sarif
from tests.analyzer.conftest import write

Options = Callable[..., AnalysisOptions]
SARIF_SCHEMA = Path(__file__).parents[1] / "fixtures" / "schemas" / "sarif-2.1.0.json"

PRINT_RULE = """\
rules:
  - id: no-print
    languages: [python]
    severity: WARNING
    message: print() in production code
    pattern: print(...)
"""
JS_RULE = """\
rules:
  - id: no-alert
    languages: [javascript]
    severity: ERROR
    message: alert() in production code
    pattern: alert(...)
"""
# Both packs name their rule `no-print`: the prefixes keep them apart.
ORG_RULE = PRINT_RULE.replace("print() in production code", "the organisation forbids print()")


def pack(name: str, **files: str) -> PackSource:
    return PackSource(
        name,
        tuple(
            PackFile(f"{name.rstrip('/')}/{rel}", rel, text.encode()) for rel, text in files.items()
        ),
    )


def test_findings_of_each_pack_carry_its_name_beside_ours(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "tree"
    write(root, {"app.py": "print('hi')\ndangerous_call(x)\n"})
    sources = [pack("org", **{"p.yml": ORG_RULE}), pack(".semgrep/", **{"a.yml": PRINT_RULE})]
    with staged_packs(sources) as packs:
        report = analyze(root, make_options(packs=packs))
    found = {(f.rule_id, f.pack, f.message) for f in report.findings}
    assert found == {
        ("test.dangerous-call", "vibeintelligence", "dangerous_call() runs untrusted input"),
        ("org.no-print", "org", "the organisation forbids print()"),
        ("repo.semgrep.no-print", ".semgrep/", "print() in production code"),
    }

    document = build_sarif(report)
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text()))
    [run] = [r for r in document["runs"] if r["tool"]["driver"]["name"] == "semgrep"]
    packs_of_rules = {r["id"]: r["properties"]["pack"] for r in run["tool"]["driver"]["rules"]}
    assert packs_of_rules["org.no-print"] == "org"
    assert packs_of_rules["test.dangerous-call"] == "vibeintelligence"
    assert [e["name"] for e in run["tool"]["extensions"]] == [
        "vibeintelligence",
        "org",
        ".semgrep/",
    ]


def test_a_broken_rule_is_refused_naming_its_file_and_line(tmp_path: Path) -> None:
    broken = PRINT_RULE + "  - id: typo\n    languages: [python]\n    message: m\n"
    broken += "    severity: INFO\n    patern: eval(...)\n"
    with pytest.raises(PackError) as caught, staged_packs([pack("rules/", **{"x.yml": broken})]):
        pytest.fail("a broken pack must not be used")
    error = caught.value
    assert (error.filename, error.line) == ("rules/x.yml", 7)
    assert "rule `typo`" in str(error) and "Invalid rule schema" in str(error)


def test_a_bad_pattern_is_refused_at_its_rule(tmp_path: Path) -> None:
    bad = PRINT_RULE.replace("pattern: print(...)", "pattern: print(")
    with pytest.raises(PackError) as caught, staged_packs([pack("org", **{"p.yml": bad})]):
        pytest.fail("a broken pack must not be used")
    assert (caught.value.filename, caught.value.line) == ("org/p.yml", 2)
    assert "Invalid pattern for Python" in str(caught.value)


def test_a_pack_semgrep_accepted_is_not_validated_again(tmp_path: Path) -> None:
    sources = [pack(".semgrep/", **{"a.yml": PRINT_RULE})]
    memo = tmp_path / "memo"

    def run_validation(workdir: Path) -> bool:
        packs, index = stage(workdir, sources)
        return validate(workdir, packs, index, memo_dir=memo)

    assert run_validation(tmp_path / "one") is True
    assert run_validation(tmp_path / "two") is False
    edited = [pack(".semgrep/", **{"a.yml": PRINT_RULE.replace("WARNING", "ERROR")})]
    packs, index = stage(tmp_path / "three", edited)
    assert validate(tmp_path / "three", packs, index, memo_dir=memo) is True


def test_an_unchanged_pack_reuses_the_cache_and_an_edit_rescans_what_it_applies_to(
    tmp_path: Path, make_options: Options
) -> None:
    root = tmp_path / "tree"
    write(root, {f"m{i}.py": f"print({i})\n" for i in range(3)})
    write(root, {f"w{i}.js": f"alert({i})\n" for i in range(2)})
    first = [pack(".semgrep/", **{"py.yml": PRINT_RULE, "js.yml": JS_RULE})]

    def scan(sources: list[PackSource]) -> tuple[int, int, int]:
        with staged_packs(sources) as packs:
            report = analyze(root, make_options(packs=packs, tools=("semgrep",)))
        return report.stats.cache_hits, report.stats.cache_misses, len(report.findings)

    assert scan(first) == (0, 5, 5)
    assert scan(first) == (5, 0, 5)  # staged again in a new folder: same content, same keys
    edited_js = JS_RULE.replace("alert() in production code", "no alerts")
    assert scan([pack(".semgrep/", **{"py.yml": PRINT_RULE, "js.yml": edited_js})]) == (3, 2, 5)
    assert scan([]) == (0, 5, 0)  # without the pack: other rules, other keys, no findings
