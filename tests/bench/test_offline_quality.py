"""The offline quality benchmark (bench/offline_quality.py): its hand-written expectations are
well-formed, and its scoring counts a wrong or missing fact as one."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "offline_quality"
CHANGES = {"added", "removed", "changed"}
SECTIONS = {
    "CI configuration",
    "Dependencies",
    "Tests",
    "Documentation",
    "Security-sensitive",
    "Code",
    "Other files",
}
REASONS = {"override", "documented", "private"}


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "offline_quality", ROOT / "bench" / "offline_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["offline_quality"] = module
    spec.loader.exec_module(module)
    return module


def review_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load((DATA / "review.yml").read_text())["cases"]
    return cases


def docs_modules() -> list[dict[str, Any]]:
    modules: list[dict[str, Any]] = yaml.safe_load((DATA / "docs.yml").read_text())["modules"]
    return modules


def test_the_review_cases_are_six_to_ten_ranges_with_a_lock_only_one() -> None:
    cases = review_cases()
    assert 6 <= len(cases) <= 10
    assert [c for c, n in Counter(c["name"] for c in cases).items() if n > 1] == []
    assert {c["source"] for c in cases} >= {"sdist", "lock-only", "history"}


@pytest.mark.parametrize("case", review_cases(), ids=lambda case: case["name"])
def test_every_expected_fact_is_well_formed(case: dict[str, Any]) -> None:
    expected = case["expected"]
    symbols = [(s["path"], s["name"]) for s in expected["symbols"]]
    assert [s for s, n in Counter(symbols).items() if n > 1] == []
    assert {s["change"] for s in expected["symbols"]} <= CHANGES
    for move in expected["dependencies"]:
        assert move["manifest"] is not None or move["lock"] is not None, move
        assert isinstance(move["direct"], bool), move
    for path, section in expected["sections"].items():
        allowed = [section] if isinstance(section, str) else section
        assert set(allowed) <= SECTIONS, path
    # A symbol's file changed, so it has a section.
    assert {path for path, _ in symbols} <= set(expected["sections"])


@pytest.mark.parametrize("module", docs_modules(), ids=lambda module: module["name"])
def test_every_docs_expectation_names_a_symbol_once_with_a_known_reason(
    module: dict[str, Any],
) -> None:
    may = module["may"]
    must_not = module["must_not"]
    assert len(may) == len(set(may))
    assert set(may) & set(must_not) == set()
    assert set(must_not.values()) <= REASONS


@pytest.mark.parametrize(
    ("qualname", "docstring"),
    [
        ("TagDict.check", "Check."),
        ("TagDict.to_json", "To json."),
        ("Context.remove_ctx", "Remove ctx."),
        ("Path.coerce_path_result", "Return the coerce path result."),
        ("is_json", "Return whether it is json."),
        ("NumberConverter.signed_regex", "The signed regex."),
        ("FileTokenBudget.used_today", "Returns the tokens used today."),
    ],
)
def test_a_docstring_made_of_the_names_words_restates_it(
    bench: ModuleType, qualname: str, docstring: str
) -> None:
    assert bench.restates(qualname, docstring)


@pytest.mark.parametrize(
    ("qualname", "docstring"),
    [
        ("BaseConverter.to_url", "Return ``quote(str(value))``."),
        ("AnyConverter.to_url", "Raises ``ValueError``."),
        ("as_int", "Round to the nearest integer."),
        ("main", "Entry point."),
    ],
)
def test_a_docstring_with_a_word_of_its_own_does_not_restate(
    bench: ModuleType, qualname: str, docstring: str
) -> None:
    assert not bench.restates(qualname, docstring)


def _symbol(path: str, name: str, change: str) -> SimpleNamespace:
    return SimpleNamespace(path=path, name=name, change=change)


def test_a_wrong_change_and_a_missed_symbol_are_counted_and_listed(bench: ModuleType) -> None:
    expected = [
        {"path": "a.py", "name": "f", "change": "changed"},
        {"path": "a.py", "name": "test_g", "change": "removed"},
    ]
    tally = bench.score_symbols("case", expected, [_symbol("a.py", "f", "added")])
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (0, 1, 2)
    assert tally.mismatches == [
        "case: symbol a.py f: got added, expected changed",
        "case: symbol a.py test_g: expected removed, got -",
    ]


def _move(**fields: Any) -> SimpleNamespace:
    values = {"ecosystem": "pypi", "direct": True, "before": None, "after": None}
    return SimpleNamespace(**{**values, **fields})


def test_a_lock_move_attributed_to_the_manifest_is_wrong(bench: ModuleType) -> None:
    expected = [
        {
            "name": "anyio",
            "ecosystem": "pypi",
            "manifest": None,
            "lock": "uv.lock",
            "direct": False,
            "before": "4.9.0",
            "after": "4.11.0",
        }
    ]
    wrong = _move(
        name="anyio",
        manifest="pyproject.toml",
        lock="uv.lock",
        direct=False,
        before="4.9.0",
        after="4.11.0",
    )
    right = _move(
        name="AnyIO", manifest=None, lock="uv.lock", direct=False, before="4.9.0", after="4.11.0"
    )
    assert bench.score_dependencies("case", expected, [wrong]).true_positives == 0
    assert bench.score_dependencies("case", expected, [right]).true_positives == 1


def test_a_lock_with_several_pins_may_name_only_the_one_that_moved(bench: ModuleType) -> None:
    expected = [
        {
            "name": "click",
            "ecosystem": "pypi",
            "manifest": None,
            "lock": "uv.lock",
            "direct": True,
            "before": ["8.1.8", "8.2.1"],
            "after": ["8.1.8", "8.3.1"],
        }
    ]
    moved = _move(name="click", manifest=None, lock="uv.lock", before="8.2.1", after="8.3.1")
    other = _move(name="click", manifest=None, lock="uv.lock", before="8.2.1", after="8.3.0")
    assert bench.score_dependencies("case", expected, [moved]).true_positives == 1
    assert bench.score_dependencies("case", expected, [other]).true_positives == 0


def test_a_path_in_two_sections_costs_precision(bench: ModuleType) -> None:
    got = {
        "CI configuration": [".github/workflows/ci.yml"],
        "Security-sensitive": [".github/workflows/ci.yml"],
    }
    tally = bench.score_sections("case", {".github/workflows/ci.yml": "CI configuration"}, got)
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (1, 1, 0)


def test_a_renamed_files_old_path_is_sectioned_under_its_new_one(bench: ModuleType) -> None:
    expected = {"docs/api.rst": "Documentation", "docs/api.md": "Documentation"}
    got = {"Documentation": ["docs/api.md"]}
    tally = bench.score_sections("case", expected, got, {"docs/api.rst": "docs/api.md"})
    assert (tally.true_positives, tally.false_positives, tally.false_negatives) == (1, 0, 0)
    assert bench.score_sections("case", expected, got).false_negatives == 1
