"""The labelled Python corpus of the detection benchmark (bench/corpus/python) is complete,
well-formed and exactly what its generator writes."""

from __future__ import annotations

import ast
import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "corpus"
PYTHON = CORPUS / "python"
GENERATOR = PYTHON / "generate.py"
MINIMUM = 25


def manifest_rows(folder: Path = PYTHON) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def python_classes() -> set[str]:
    document = yaml.safe_load((CORPUS / "classes.yml").read_text(encoding="utf-8"))
    return {name for name, spec in document["classes"].items() if "python" in spec["languages"]}


def case_files(folder: Path = PYTHON) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.glob("*/*.py")}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return manifest_rows()


def test_manifest_has_the_documented_columns() -> None:
    with (PYTHON / "manifest.csv").open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["path", "class", "vulnerable", "variant"]


def test_every_manifest_row_names_an_existing_case_of_its_class(
    rows: list[dict[str, str]],
) -> None:
    missing = [row["path"] for row in rows if not (PYTHON / row["path"]).is_file()]
    misfiled = [row["path"] for row in rows if row["path"].split("/")[0] != row["class"]]
    assert missing == []
    assert misfiled == []


def test_every_case_file_is_in_the_manifest_once(rows: list[dict[str, str]]) -> None:
    listed = Counter(row["path"] for row in rows)
    assert [path for path, count in listed.items() if count > 1] == []
    assert sorted(case_files() - set(listed)) == []


def test_classes_are_the_python_classes_of_classes_yml(rows: list[dict[str, str]]) -> None:
    assert {row["class"] for row in rows} == python_classes()
    # Tool caches (``__pycache__``, ``.mypy_cache``) are not class folders.
    folders = {p.name for p in PYTHON.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    assert folders == python_classes()


def test_labels_are_true_or_false_and_every_case_has_a_variant(
    rows: list[dict[str, str]],
) -> None:
    assert {row["vulnerable"] for row in rows} == {"true", "false"}
    assert [row["path"] for row in rows if not row["variant"].strip()] == []


def test_every_class_has_enough_vulnerable_and_safe_cases(rows: list[dict[str, str]]) -> None:
    counts = Counter((row["class"], row["vulnerable"]) for row in rows)
    short = {
        (name, label): counts[(name, label)]
        for name in python_classes()
        for label in ("true", "false")
        if counts[(name, label)] < MINIMUM
    }
    assert short == {}


def test_every_case_parses_as_python(rows: list[dict[str, str]]) -> None:
    broken = []
    for row in rows:
        source = (PYTHON / row["path"]).read_text(encoding="utf-8")
        try:
            ast.parse(source, filename=row["path"])
        except SyntaxError as error:
            broken.append(f"{row['path']}: {error}")
    assert broken == []


def test_cases_have_no_undefined_names_or_unused_imports() -> None:
    # pyflakes' checks (ruff's F rules), this repository's configuration left aside (it excludes
    # the corpus): a case that names what it never imports is not the program it claims to be.
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--select",
            "F",
            "--output-format",
            "concise",
            "--no-cache",
            str(PYTHON),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_two_cases_are_the_same_program(rows: list[dict[str, str]]) -> None:
    texts = Counter((PYTHON / row["path"]).read_text(encoding="utf-8") for row in rows)
    assert [count for count in texts.values() if count > 1] == []


def test_no_case_names_its_own_label(rows: list[dict[str, str]]) -> None:
    # The programs read like application code: nothing in them tells a tool the answer.
    telling = [
        row["path"]
        for row in rows
        if any(
            word in (PYTHON / row["path"]).read_text(encoding="utf-8").lower()
            for word in ("vulnerab", "insecure", "exploit", "cwe-")
        )
    ]
    assert telling == []


def test_committed_corpus_is_the_generators_output(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "manifest.csv").read_bytes() == (PYTHON / "manifest.csv").read_bytes()
    assert case_files(tmp_path) == case_files()
    differing = [
        relative
        for relative in sorted(case_files())
        if (tmp_path / relative).read_bytes() != (PYTHON / relative).read_bytes()
    ]
    assert differing == []
