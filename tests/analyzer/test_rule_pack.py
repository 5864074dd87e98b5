"""The semgrep rule pack shipped in ``app/agents/analyzer/rules``: it passes its own annotated
tests, every rule carries the metadata the reports need, and it loads with no network.

Test targets live in ``app/agents/analyzer/rule_tests`` and mirror the rules' layout
(``rules/python/eval-exec.yaml`` is tested by ``rule_tests/python/eval-exec.py``), so that
``semgrep --config rules`` never sees a target. YAML targets are named ``*.test.yaml``.

Run ``python -m tests.analyzer.test_rule_pack`` to print the rule table for the pack's README.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR

RULES_DIR = DEFAULT_RULES_DIR
TESTS_DIR = RULES_DIR.parent / "rule_tests"
README = RULES_DIR / "README.md"
OFFLINE_FLAGS = ("--metrics=off", "--disable-version-check")
PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
)
MIN_RULES = 40

REQUIRED_METADATA = ("cwe", "owasp", "category", "confidence", "references", "help")
SEVERITIES = {"ERROR", "WARNING", "INFO"}
CATEGORIES = {"security", "correctness", "best-practice"}
CONFIDENCES = {"HIGH", "MEDIUM", "LOW"}
# Folder → (rule id prefix, label in the README table).
LANGUAGES = {
    "python": ("python.", "Python"),
    "javascript": ("js.", "JavaScript/TypeScript"),
    "go": ("go.", "Go"),
    "java": ("java.", "Java"),
    "dockerfile": ("dockerfile.", "Dockerfile"),
    "github-actions": ("gha.", "GitHub Actions"),
    "kubernetes": ("k8s.", "Kubernetes"),
}
WORKFLOW_INCLUDE = ".github/workflows/*.yml"
CWE_FORMAT = re.compile(r"^CWE-\d+: \S")
OWASP_FORMAT = re.compile(r"^A\d{2}:2021 - \S")
ANNOTATION = re.compile(
    r"(?:#|//|/\*|<!--)\s*(ruleid|ok|todoruleid|todook)[ \t]*:[ \t]*([\w.,\- \t]+)"
)
TABLE_START = "<!-- rules-table:start -->"
TABLE_END = "<!-- rules-table:end -->"


@dataclass(frozen=True)
class Rule:
    source: Path
    raw: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.raw.get("id"))

    @property
    def folder(self) -> str:
        return self.source.parent.name

    @property
    def targets(self) -> list[Path]:
        """Test targets paired with the rule file the way ``semgrep --test`` pairs them."""
        folder = TESTS_DIR / self.source.parent.relative_to(RULES_DIR)
        return sorted(folder.glob(f"{self.source.stem}.*"))


def load_rules() -> list[Rule]:
    rules: list[Rule] = []
    for path in sorted(RULES_DIR.rglob("*.y*ml")):
        document = yaml.safe_load(path.read_text())
        rules.extend(Rule(path, raw) for raw in document["rules"])
    return rules


def run_semgrep(*args: str, cwd: Path, scratch: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("semgrep")
    if executable is None:
        pytest.fail("semgrep is not on PATH; install it with `pip install semgrep`")
    env = {
        **os.environ,
        "SEMGREP_SEND_METRICS": "off",
        # Settings, logs and the version cache go to scratch; any network attempt fails fast.
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "XDG_CACHE_HOME": str(scratch / "cache"),
        **dict.fromkeys(PROXY_VARIABLES, "http://127.0.0.1:9"),
        "NO_PROXY": "",
        "no_proxy": "",
    }
    return subprocess.run(
        [executable, *args, *OFFLINE_FLAGS],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def parse_json(proc: subprocess.CompletedProcess[str], what: str) -> dict[str, Any]:
    try:
        document = json.loads(proc.stdout)
    except ValueError:
        pytest.fail(f"{what} printed no JSON (exit {proc.returncode}): {proc.stderr[-2000:]}")
    assert isinstance(document, dict)
    return document


def test_every_rule_passes_its_annotated_tests(tmp_path: Path) -> None:
    proc = run_semgrep(
        "--test",
        "--json",
        "--config",
        str(RULES_DIR),
        str(TESTS_DIR),
        cwd=RULES_DIR.parent,
        scratch=tmp_path,
    )
    report = parse_json(proc, "semgrep --test")

    problems = [f"{config}: no test target" for config in report.get("config_missing_tests", [])]
    problems += [f"{error}" for error in report.get("config_with_errors", [])]
    checked = set()
    for config, result in report.get("results", {}).items():
        for rule_id, check in result["checks"].items():
            checked.add(rule_id)
            for error in check.get("errors", []):
                problems.append(f"{rule_id} ({config}): {error.get('message', error)}")
            if check["passed"]:
                continue
            for target, lines in check["matches"].items():
                expected, reported = set(lines["expected_lines"]), set(lines["reported_lines"])
                if expected != reported:
                    problems.append(
                        f"{rule_id} in {Path(target).name}: missed lines "
                        f"{sorted(expected - reported)}, unexpected lines "
                        f"{sorted(reported - expected)}"
                    )
    assert not problems, "semgrep --test failed:\n" + "\n".join(problems)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert checked == {rule.id for rule in load_rules()}


def test_the_pack_is_large_and_every_rule_documents_itself() -> None:
    rules = load_rules()
    problems = [problem for rule in rules for problem in metadata_problems(rule)]
    ids = [rule.id for rule in rules]
    problems += [
        f"{rule_id}: id used twice" for rule_id in sorted(set(ids)) if ids.count(rule_id) > 1
    ]

    assert not problems, "rule metadata problems:\n" + "\n".join(problems)
    assert len(rules) >= MIN_RULES, f"only {len(rules)} rules; the pack promises {MIN_RULES}"
    assert {rule.folder for rule in rules} == set(LANGUAGES)


def metadata_problems(rule: Rule) -> list[str]:
    where = f"{rule.id} ({rule.source.relative_to(RULES_DIR)})"
    metadata = rule.raw.get("metadata") or {}
    problems = [
        f"{where}: metadata.{key} is missing" for key in REQUIRED_METADATA if not metadata.get(key)
    ]
    prefix = LANGUAGES.get(rule.folder, ("?", ""))[0]
    if not rule.id.startswith(prefix):
        problems.append(f"{where}: ids in {rule.folder}/ start with `{prefix}`")
    if rule.raw.get("severity") not in SEVERITIES:
        problems.append(f"{where}: severity must be one of {sorted(SEVERITIES)}")
    if not str(rule.raw.get("message", "")).strip():
        problems.append(f"{where}: message is empty")
    if metadata.get("category") not in CATEGORIES:
        problems.append(f"{where}: metadata.category must be one of {sorted(CATEGORIES)}")
    if str(metadata.get("confidence")).upper() not in CONFIDENCES:
        problems.append(f"{where}: metadata.confidence must be one of {sorted(CONFIDENCES)}")
    for cwe in metadata.get("cwe") or []:
        if not CWE_FORMAT.match(str(cwe)):
            problems.append(f"{where}: cwe `{cwe}` is not like `CWE-89: Improper ...`")
    for owasp in metadata.get("owasp") or []:
        if not OWASP_FORMAT.match(str(owasp)):
            problems.append(f"{where}: owasp `{owasp}` is not like `A03:2021 - Injection`")
    for reference in metadata.get("references") or []:
        if not str(reference).startswith("https://"):
            problems.append(f"{where}: reference `{reference}` is not an https URL")
    help_text = str(metadata.get("help", ""))
    if "**How to fix:**" not in help_text or "```" not in help_text:
        problems.append(f"{where}: help needs a `**How to fix:**` part and a fixed example")
    include = (rule.raw.get("paths") or {}).get("include") or []
    if rule.folder == "github-actions" and WORKFLOW_INCLUDE not in include:
        problems.append(f"{where}: workflow rules need `paths: include: [{WORKFLOW_INCLUDE}]`")
    return problems


def test_every_rule_has_a_positive_and_a_negative_annotation() -> None:
    rules = load_rules()
    problems = []
    paired: set[Path] = set()
    for rule in rules:
        targets = rule.targets
        paired.update(targets)
        kinds: dict[str, set[str]] = {"ruleid": set(), "ok": set()}
        for target in targets:
            for kind, rule_ids in annotations_in(target):
                for annotated in rule_ids:
                    if annotated not in {r.id for r in rules if r.source == rule.source}:
                        problems.append(f"{target.name}: `{kind}: {annotated}` names no rule here")
                    if annotated == rule.id and kind in kinds:
                        kinds[kind].add(target.name)
        if not targets:
            problems.append(f"{rule.id}: no test target next to {rule.source.name} in rule_tests/")
        problems += [
            f"{rule.id}: no `{kind}:` annotation" for kind, seen in kinds.items() if not seen
        ]

    orphans = sorted(p for p in TESTS_DIR.rglob("*") if p.is_file() and p not in paired)
    problems += [
        f"{orphan.relative_to(TESTS_DIR)}: no rule file of that name" for orphan in orphans
    ]
    assert not problems, "rule test annotations:\n" + "\n".join(problems)


def annotations_in(target: Path) -> list[tuple[str, list[str]]]:
    found = []
    for match in ANNOTATION.finditer(target.read_text()):
        found.append((match.group(1), [i.strip() for i in match.group(2).split(",") if i.strip()]))
    return found


def test_the_pack_loads_offline_with_no_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()

    proc = run_semgrep(
        "scan", "--config", str(RULES_DIR), "--json", "--quiet", ".", cwd=empty, scratch=tmp_path
    )

    report = parse_json(proc, "semgrep scan")
    assert report.get("errors") == [], report.get("errors")
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_path_filters_keep_workflow_and_settings_rules_to_their_files(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    workflow = (TESTS_DIR / "github-actions" / "permissions-write-all.test.yaml").read_text()
    files = {
        ".github/workflows/ci.yml": workflow,
        "docs/examples/ci.yml": workflow,
        "mysite/settings.py": "DEBUG = True\n",
        "mysite/views.py": "DEBUG = True\n",
    }
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)

    proc = run_semgrep(
        "scan",
        "--config",
        str(RULES_DIR),
        "--json",
        "--quiet",
        "--no-git-ignore",
        "--no-rewrite-rule-ids",
        *files,
        cwd=repo,
        scratch=tmp_path,
    )

    report = parse_json(proc, "semgrep scan")
    assert report.get("errors") == [], report.get("errors")
    found = {(r["check_id"], r["path"]) for r in report["results"]}
    assert found == {
        ("gha.permissions-write-all", ".github/workflows/ci.yml"),
        ("python.django-debug-true", "mysite/settings.py"),
    }


def test_the_readme_table_lists_every_rule_as_it_is() -> None:
    text = README.read_text()
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)

    assert text[start:end].strip() == rule_table(load_rules()).strip(), (
        "app/agents/analyzer/rules/README.md is out of date; replace its table with the output "
        "of `python -m tests.analyzer.test_rule_pack`"
    )


def rule_table(rules: list[Rule]) -> str:
    lines = ["| Rule id | Language | Severity | CWE | Category |", "|---|---|---|---|---|"]
    order = list(LANGUAGES)
    for rule in sorted(rules, key=lambda r: (order.index(r.folder), r.id)):
        metadata = rule.raw["metadata"]
        cwes = ", ".join(str(cwe).split(":")[0] for cwe in metadata["cwe"])
        label = LANGUAGES[rule.folder][1]
        lines.append(
            f"| `{rule.id}` | {label} | {rule.raw['severity']} | {cwes} | {metadata['category']} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(rule_table(load_rules()), end="")
