"""Detection benchmark: true-positive rate minus false-positive rate per vulnerability class.

    python bench/detection.py                   # every language of bench/corpus
    python bench/detection.py --language python --details

The corpus (``bench/corpus/<language>/``) holds one small program per case, vulnerable or a
safe twin that differs by a sanitizer, a constant, a dead branch, a safe sink or a validated
value, listed in ``manifest.csv`` (``path,class,vulnerable,variant``). The classes and the CWEs
that count for each are in ``bench/corpus/classes.yml``.

A case counts as flagged when the analyzer, run as ``vibe scan`` runs it (our rule pack,
bandit, severities and policies), reports in the case's file a finding at level error or
warning whose CWEs include one of the class's. A class scores TPR - FPR; a language scores the
mean over its classes. Per tool: the same analysis with that tool alone.

The peer a Python user would pick instead is plain bandit (``bandit -r``, its default checks,
every severity counted): scored the same way on the same files.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.agents.analyzer.engine import AnalysisOptions, analyze  # noqa: E402
from app.models.config import RepoConfig  # noqa: E402

CORPUS = ROOT / "bench" / "corpus"
COUNTED_LEVELS = frozenset({"error", "warning"})
GOALS = {"python": 0.60}
OTHER_GOAL = 0.50
CLASS_FLOOR = 0.30


@dataclass(frozen=True)
class Case:
    path: str
    klass: str
    vulnerable: bool
    variant: str


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    @property
    def tpr(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def fpr(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    @property
    def value(self) -> float:
        return self.tpr - self.fpr


def load_classes() -> dict[str, set[str]]:
    document = yaml.safe_load((CORPUS / "classes.yml").read_text())
    return {name: set(spec["cwe"]) for name, spec in document["classes"].items()}


def load_cases(language: str) -> list[Case]:
    with (CORPUS / language / "manifest.csv").open(newline="") as handle:
        return [
            Case(
                row["path"],
                row["class"],
                row["vulnerable"].strip().lower() == "true",
                row.get("variant", ""),
            )
            for row in csv.DictReader(handle)
        ]


def _cwe_ids(values: list[str]) -> set[str]:
    return {value.split(":", 1)[0].strip() for value in values}


def analyzer_hits(root: Path, tools: tuple[str, ...]) -> dict[str, set[str]]:
    """CWEs reported at error or warning per file, by our analyzer with ``tools``."""
    # The corpus is scanned as a repository of its own: no default exclusions of `tests/`
    # folders and the like, nothing read from this checkout's configuration.
    config = RepoConfig.model_validate({"paths": {"default_excludes": False}})
    with tempfile.TemporaryDirectory(prefix="vibe-detection-") as cache:
        report = analyze(root, AnalysisOptions(config=config, tools=tools, cache_dir=Path(cache)))
    hits: dict[str, set[str]] = defaultdict(set)
    for finding in report.findings:
        if finding.severity in COUNTED_LEVELS and finding.suppression is None:
            hits[finding.path].update(_cwe_ids(finding.cwe))
    return hits


def bandit_hits(root: Path) -> dict[str, set[str]]:
    """CWEs reported by plain ``bandit -r`` (default checks, every severity) per file."""
    executable = shutil.which("bandit")
    if executable is None:
        raise SystemExit("bandit is not on PATH")
    proc = subprocess.run(
        [executable, "-r", ".", "-f", "json", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    hits: dict[str, set[str]] = defaultdict(set)
    for result in json.loads(proc.stdout)["results"]:
        cwe = result.get("issue_cwe") or {}
        if cwe.get("id"):
            hits[str(Path(result["filename"]).as_posix()).removeprefix("./")].add(
                f"CWE-{cwe['id']}"
            )
    return hits


def score(
    cases: list[Case], hits: dict[str, set[str]], classes: dict[str, set[str]]
) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for case in cases:
        flagged = bool(hits.get(case.path, set()) & classes[case.klass])
        entry = scores[case.klass]
        if case.vulnerable:
            entry.tp += flagged
            entry.fn += not flagged
        else:
            entry.fp += flagged
            entry.tn += not flagged
    return dict(sorted(scores.items()))


def mean(scores: dict[str, Score]) -> float:
    return statistics.fmean(s.value for s in scores.values()) if scores else 0.0


def misses(cases: list[Case], hits: dict[str, set[str]], classes: dict[str, set[str]]) -> list[str]:
    lines = []
    for case in cases:
        flagged = bool(hits.get(case.path, set()) & classes[case.klass])
        if flagged != case.vulnerable:
            kind = "FN" if case.vulnerable else "FP"
            lines.append(f"  {kind} {case.path}  ({case.variant})")
    return lines


def report_language(language: str, classes: dict[str, set[str]], details: bool) -> float:
    root = CORPUS / language
    cases = load_cases(language)
    runs: dict[str, dict[str, set[str]]] = {"vibe": analyzer_hits(root, ("semgrep", "bandit"))}
    runs["semgrep (our pack)"] = analyzer_hits(root, ("semgrep",))
    if language == "python":
        runs["bandit (as we run it)"] = analyzer_hits(root, ("bandit",))
        runs["plain bandit -r"] = bandit_hits(root)
    per_run = {name: score(cases, hits, classes) for name, hits in runs.items()}
    ours = per_run["vibe"]
    true_count = sum(c.vulnerable for c in cases)
    print(
        f"\n## {language}: {len(cases)} cases ({true_count} vulnerable, "
        f"{len(cases) - true_count} safe), {len(ours)} classes"
    )
    header = f"{'class':<20} {'TPR':>5} {'FPR':>5} {'score':>6}"
    others = [name for name in per_run if name != "vibe"]
    print(header + "".join(f" {name[:22]:>23}" for name in others))
    for klass, entry in ours.items():
        row = f"{klass:<20} {entry.tpr:5.2f} {entry.fpr:5.2f} {entry.value:+6.2f}"
        row += "".join(f" {per_run[name][klass].value:+23.2f}" for name in others)
        print(row)
    overall = mean(ours)
    row = f"{'mean':<20} {'':>5} {'':>5} {overall:+6.2f}"
    print(row + "".join(f" {mean(per_run[name]):+23.2f}" for name in others))
    goal = GOALS.get(language, OTHER_GOAL)
    worst = min(ours.items(), key=lambda item: item[1].value)
    met = overall >= goal and worst[1].value >= CLASS_FLOOR
    print(
        f"goal: mean ≥ {goal:+.2f} and no class below {CLASS_FLOOR:+.2f} — "
        f"{'met' if met else 'NOT met'} (lowest: {worst[0]} {worst[1].value:+.2f})"
    )
    if details:
        print("\n".join(misses(cases, runs["vibe"], classes)))
    return overall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", action="append", help="python, javascript, go or java")
    parser.add_argument("--details", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    classes = load_classes()
    languages = args.language or sorted(
        p.name for p in CORPUS.iterdir() if (p / "manifest.csv").is_file()
    )
    for language in languages:
        report_language(language, classes, args.details)


if __name__ == "__main__":
    main()
