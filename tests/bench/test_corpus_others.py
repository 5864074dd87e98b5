"""The labelled JavaScript, Go and Java corpora of the detection benchmark
(bench/corpus/{javascript,go,java}) are complete, well-formed and exactly what
bench/corpus/generate_others.py writes."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "corpus"
GENERATOR = CORPUS / "generate_others.py"
LANGUAGES = ("javascript", "go", "java")
EXTENSIONS = {"javascript": (".js", ".ts"), "go": (".go",), "java": (".java",)}
MINIMUM = 10
# A parse error anywhere in a file makes semgrep report it; the pattern names nothing, so
# semgrep cannot skip a file without parsing it.
PARSE_RULES = {
    "rules": [
        {
            "id": f"parse-{language}",
            "languages": [language],
            "severity": "INFO",
            "message": "parse",
            "pattern": "$X == $X",
        }
        for language in ("go", "java", "ts")
    ]
}

# The JavaScript cases are syntax-checked with `node --check`; the project needs no Node.js.
NEEDS_NODE = pytest.mark.skipif(
    shutil.which("node") is None, reason="Node.js is not installed: nothing checks the syntax"
)


def manifest_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def language_classes(language: str) -> set[str]:
    document = yaml.safe_load((CORPUS / "classes.yml").read_text(encoding="utf-8"))
    return {name for name, spec in document["classes"].items() if language in spec["languages"]}


def case_files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.glob("*/*")
        if path.is_file() and path.suffix in {".js", ".ts", ".go", ".java"}
    }


def case_number(path: str) -> int:
    match = re.search(r"(\d+)\.\w+$", path)
    assert match is not None, path
    return int(match.group(1))


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def rows(language: str) -> list[dict[str, str]]:
    return manifest_rows(CORPUS / language)


def test_manifest_has_the_documented_columns(language: str) -> None:
    with (CORPUS / language / "manifest.csv").open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["path", "class", "vulnerable", "variant"]


def test_every_manifest_row_names_an_existing_case_of_its_class(
    language: str, rows: list[dict[str, str]]
) -> None:
    folder = CORPUS / language
    missing = [row["path"] for row in rows if not (folder / row["path"]).is_file()]
    misfiled = [row["path"] for row in rows if row["path"].split("/")[0] != row["class"]]
    wrong_type = [row["path"] for row in rows if not row["path"].endswith(EXTENSIONS[language])]
    assert missing == []
    assert misfiled == []
    assert wrong_type == []


def test_every_case_file_is_in_the_manifest_once(language: str, rows: list[dict[str, str]]) -> None:
    listed = Counter(row["path"] for row in rows)
    assert [path for path, count in listed.items() if count > 1] == []
    assert sorted(case_files(CORPUS / language) - set(listed)) == []


def test_classes_are_the_classes_of_classes_yml_for_the_language(
    language: str, rows: list[dict[str, str]]
) -> None:
    assert {row["class"] for row in rows} == language_classes(language)
    folder = CORPUS / language
    folders = {p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    assert folders == language_classes(language)


def test_labels_are_true_or_false_and_every_case_has_a_variant(
    rows: list[dict[str, str]],
) -> None:
    assert {row["vulnerable"] for row in rows} == {"true", "false"}
    assert [row["path"] for row in rows if not row["variant"].strip()] == []
    unlabelled = [
        row["path"] for row in rows if ("safe=" in row["variant"]) == (row["vulnerable"] == "true")
    ]
    assert unlabelled == []


def test_every_class_has_enough_vulnerable_and_safe_cases(
    language: str, rows: list[dict[str, str]]
) -> None:
    counts = Counter((row["class"], row["vulnerable"]) for row in rows)
    short = {
        (name, label): counts[(name, label)]
        for name in language_classes(language)
        for label in ("true", "false")
        if counts[(name, label)] < MINIMUM
    }
    assert short == {}


def test_neighbouring_ids_are_a_vulnerable_case_and_its_safe_twin(
    rows: list[dict[str, str]],
) -> None:
    by_number = {case_number(row["path"]): row for row in rows}
    assert sorted(by_number) == list(range(1, len(rows) + 1))
    unpaired = []
    for first in range(1, len(rows) + 1, 2):
        one, two = by_number[first], by_number[first + 1]
        if one["class"] != two["class"] or one["vulnerable"] == two["vulnerable"]:
            unpaired.append((one["path"], two["path"]))
    assert unpaired == []


def test_no_two_cases_are_the_same_program(language: str, rows: list[dict[str, str]]) -> None:
    # The id appears in routes and Java class names; two cases differing only there are one.
    texts: Counter[str] = Counter()
    for row in rows:
        path = CORPUS / language / row["path"]
        texts[path.read_text(encoding="utf-8").replace(path.stem, "ID")] += 1
    assert [count for count in texts.values() if count > 1] == []


def test_no_case_names_its_class_or_label(language: str, rows: list[dict[str, str]]) -> None:
    # The programs read like application code: nothing in them tells a tool the answer.
    words = ("vulnerab", "insecure", "exploit", "cwe-", "injection", "traversal")
    telling = [
        row["path"]
        for row in rows
        if any(
            word in (CORPUS / language / row["path"]).read_text(encoding="utf-8").lower()
            for word in words
        )
    ]
    assert telling == []


def test_java_cases_are_one_public_class_named_after_the_file() -> None:
    wrong = []
    for path in sorted((CORPUS / "java").glob("*/*.java")):
        text = path.read_text(encoding="utf-8")
        public = re.findall(r"^public (?:final )?class (\w+)", text, flags=re.MULTILINE)
        if public != [path.stem]:
            wrong.append(f"{path.name}: {public}")
    assert wrong == []


def test_go_cases_are_main_programs() -> None:
    wrong = [
        path.name
        for path in sorted((CORPUS / "go").glob("*/*.go"))
        if not path.read_text(encoding="utf-8").startswith("package main\n")
        or "\nfunc main() {\n" not in path.read_text(encoding="utf-8")
    ]
    assert wrong == []


# What `node --check FILE` does for a CommonJS file (wrap it as a module function and compile
# it), for every file in one node process instead of one process per file.
NODE_CHECK = """
const fs = require('fs');
const vm = require('vm');
const params = ['exports', 'require', 'module', '__filename', '__dirname'];
const broken = [];
for (const file of process.argv.slice(1)) {
  try {
    vm.compileFunction(fs.readFileSync(file, 'utf8'), params, { filename: file });
  } catch (error) {
    broken.push(`${file}: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify({ checked: process.argv.length - 1, broken }));
"""


@NEEDS_NODE
def test_javascript_cases_pass_node_syntax_check() -> None:
    node = shutil.which("node")
    assert node is not None
    files = sorted(str(path) for path in (CORPUS / "javascript").glob("*/*.js"))
    proc = subprocess.run(
        [node, "-e", NODE_CHECK, *files], capture_output=True, text=True, check=False, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["checked"] == len(files) > 0
    assert report["broken"] == []


@NEEDS_NODE
def test_node_check_catches_a_syntax_error(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node is not None
    broken = tmp_path / "broken.js"
    broken.write_text("const app = express(;\n", encoding="utf-8")
    proc = subprocess.run(
        [node, "-e", NODE_CHECK, str(broken)], capture_output=True, text=True, check=False
    )
    assert len(json.loads(proc.stdout)["broken"]) == 1


def test_go_java_and_typescript_cases_parse(tmp_path: Path) -> None:
    semgrep = shutil.which("semgrep", path=str(Path(sys.executable).parent)) or shutil.which(
        "semgrep"
    )
    assert semgrep is not None, "semgrep is a dependency of the project"
    rules = tmp_path / "parse.yml"
    rules.write_text(json.dumps(PARSE_RULES), encoding="utf-8")
    # One broken file per language shows that the check reports what it should.
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "broken.go").write_text("package main\n\nfunc main() {\n\tx := (1 +\n}\n")
    (canary / "Broken.java").write_text("class Broken { void f() { int x = ; } }\n")
    (canary / "broken.ts").write_text("const x: number = (1 + ;\n")
    proc = subprocess.run(
        [
            semgrep,
            "scan",
            "--config",
            str(rules),
            "--json",
            "--metrics=off",
            "--disable-version-check",
            "--quiet",
            str(canary),
            *(str(CORPUS / language) for language in LANGUAGES),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=280,
        cwd=tmp_path,
    )
    report = json.loads(proc.stdout)
    scanned = Counter(Path(p).suffix for p in report["paths"]["scanned"])
    assert scanned[".go"] > 3
    assert scanned[".java"] > 3
    assert scanned[".ts"] > 3
    failing = sorted(Path(error.get("path", "?")).name for error in report["errors"])
    assert failing == ["Broken.java", "broken.go", "broken.ts"]


def test_committed_corpus_is_the_generators_output(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for language in LANGUAGES:
        fresh, committed = tmp_path / language, CORPUS / language
        assert (fresh / "manifest.csv").read_bytes() == (committed / "manifest.csv").read_bytes()
        assert case_files(fresh) == case_files(committed)
        differing = [
            relative
            for relative in sorted(case_files(committed))
            if (fresh / relative).read_bytes() != (committed / relative).read_bytes()
        ]
        assert differing == [], language
