"""Offline quality benchmark: are the model-less review's facts and the offline docstrings right?

    python bench/offline_quality.py                 # both halves; releases fetched once
    python bench/offline_quality.py --verbose       # and every mismatch, expected vs got
    python bench/offline_quality.py --part docs --case click-types

Review: 10 real commit ranges: repositories built here from two released versions of a
package (PyPI sdists with ``pip download``, npm tarballs with ``npm pack``, each checked against
the sha256 pinned in the data and cached under ``--cache-dir``), a lock-file-only change made
from flask's real ``uv.lock`` pair, and ranges of this repository's own history (read from
``--repository``, a clone with its history). Each is read as ``vibe review --no-analyze`` reads
it, and the facts of the offline review (:func:`app.agents.reviewer.facts.review_facts`) are
compared with the facts written by hand in ``bench/offline_quality/review.yml``: the symbols
added, removed and changed, the dependencies moved with the manifest and lock file that moved
them, the section of every changed file. Precision and recall are micro-averaged over the three
kinds of fact and given per kind.

Docs: 10 real modules (installed packages' sources, this repository's modules at a pinned
commit) and the docstrings ``vibe docs --offline`` would add to them, against the expectations
written by hand in ``bench/offline_quality/docs.yml``: which symbols may get one, which must
not (documented already, overriding a documented method, private). A docstring "restates its
name" when every word of it but filler is a word of the name (this file's own check,
independent of the code under test).

Goal: facts precision >= 0.95 and recall >= 0.9, no restating docstring, no docstring on a
documented override. Exits 1 when missed, 2 when a case cannot be built here.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "offline_quality"
_CACHE_HOME = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
DEFAULT_CACHE = _CACHE_HOME / "vibe-bench" / "offline-quality"
PRECISION_GOAL = 0.95
RECALL_GOAL = 0.9
GOAL_LINE = "precision ≥ 0.95, recall ≥ 0.9, 0 restating, 0 on documented overrides"
# Files an sdist carries that a repository does not: the build's metadata.
SDIST_ONLY = re.compile(r"^(PKG-INFO|[^/]+\.egg-info(/.*)?|src/[^/]+\.egg-info(/.*)?)$")
_FIXED_DATE = "2026-01-01T00:00:00+00:00"


class CaseError(Exception):
    """A case that cannot be built here (a download, a checksum, a commit not in this clone)."""


# -- scoring -------------------------------------------------------------------------------


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    mismatches: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        self.mismatches.extend(other.mismatches)

    @property
    def precision(self) -> float:
        reported = self.true_positives + self.false_positives
        return self.true_positives / reported if reported else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f} recall {self.recall:.3f} "
            f"({self.true_positives:,} right, {self.false_positives:,} wrong, "
            f"{self.false_negatives:,} missed)"
        )


def score_symbols(case: str, expected: list[dict[str, str]], got: Iterable[Any]) -> Tally:
    want = {(s["path"], s["name"], s["change"]) for s in expected}
    have = {(s.path, s.name, s.change) for s in got}
    tally = Tally(len(want & have), len(have - want), len(want - have))
    for path, name, change in sorted(have - want):
        other = sorted(c for p, n, c in want if (p, n) == (path, name))
        tally.mismatches.append(
            f"{case}: symbol {path} {name}: got {change}, expected {other[0] if other else '-'}"
        )
    for path, name, change in sorted(want - have):
        if not any((p, n) == (path, name) for p, n, _ in have):
            tally.mismatches.append(f"{case}: symbol {path} {name}: expected {change}, got -")
    return tally


_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def version_numbers(value: str | list[str] | None) -> frozenset[str]:
    """The version numbers a value names: ``">=3.11,<4"`` -> {"3.11", "4"}; a list of the
    several versions a lock pins for one package is their union."""
    if value is None:
        return frozenset()
    texts = value if isinstance(value, list) else [value]
    return frozenset(n for text in texts for n in _NUMBER.findall(str(text)))


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _dependency_key(move: dict[str, Any]) -> tuple[Any, ...]:
    return (
        move["ecosystem"],
        normalized(move["name"]),
        move.get("manifest"),
        move.get("lock"),
        bool(move.get("direct", True)),
    )


def _versions_match(want: dict[str, Any], have: dict[str, Any]) -> bool:
    """Both sides name the expected versions; where a lock pins several versions of a package,
    naming only those that moved is as right (``8.2.1 -> 8.3.1`` for ``[8.1.8, 8.2.1] ->
    [8.1.8, 8.3.1]``)."""
    if want.get("before") == "any" or want.get("after") == "any":
        return True
    before, after = version_numbers(want.get("before")), version_numbers(want.get("after"))
    got = (version_numbers(have.get("before")), version_numbers(have.get("after")))
    kept = before & after
    return got in ((before, after), (before - kept, after - kept))


def _describe_move(move: dict[str, Any]) -> str:
    return (
        f"{move['name']} manifest={move.get('manifest')} lock={move.get('lock')} "
        f"direct={bool(move.get('direct', True))} {move.get('before')} -> {move.get('after')}"
    )


def score_dependencies(case: str, expected: list[dict[str, Any]], got: Iterable[Any]) -> Tally:
    have = [
        {
            "name": m.name,
            "ecosystem": m.ecosystem,
            "manifest": m.manifest,
            "lock": m.lock,
            "direct": m.direct,
            "before": m.before,
            "after": m.after,
        }
        for m in got
    ]
    unmatched = list(have)
    missed: list[dict[str, Any]] = []
    tally = Tally()
    for want in expected:
        found = next(
            (
                h
                for h in unmatched
                if _dependency_key(h) == _dependency_key(want) and _versions_match(want, h)
            ),
            None,
        )
        if found is None:
            missed.append(want)
        else:
            unmatched.remove(found)
            tally.true_positives += 1
    # A fact either way (a declaration moved between two manifests): never counted missing.
    missed = [want for want in missed if not want.get("optional")]
    tally.false_positives = len(unmatched)
    tally.false_negatives = len(missed)
    for want in missed:
        near = [h for h in unmatched if normalized(h["name"]) == normalized(want["name"])]
        got_text = "; ".join(_describe_move(h) for h in near) or "-"
        tally.mismatches.append(
            f"{case}: dependency expected {_describe_move(want)}, got {got_text}"
        )
    missed_names = {normalized(w["name"]) for w in missed}
    for extra in unmatched:
        if normalized(extra["name"]) not in missed_names:
            tally.mismatches.append(f"{case}: dependency got {_describe_move(extra)}, expected -")
    return tally


def score_sections(
    case: str,
    expected: dict[str, str | list[str]],
    got: dict[str, list[str]],
    renamed: dict[str, str] | None = None,
) -> Tally:
    """``renamed``: old path -> new path of the renames the diff found. Which deleted and added
    files git pairs as renames depends on its similarity heuristics, so the expectations list
    both paths and a rename's old one is sectioned under its new one."""
    expected = {path: title for path, title in expected.items() if path not in (renamed or {})}
    tally = Tally()
    placed: dict[str, list[str]] = {}
    for title, paths in got.items():
        for path in paths:
            placed.setdefault(path, []).append(title)
    for path, allowed in sorted(expected.items()):
        accepted = [allowed] if isinstance(allowed, str) else list(allowed)
        titles = placed.pop(path, [])
        right = [t for t in titles if t in accepted]
        tally.true_positives += 1 if right else 0
        tally.false_negatives += 0 if right else 1
        tally.false_positives += len(titles) - (1 if right else 0)
        if not right or len(titles) > 1:
            shown = ", ".join(titles) or "-"
            tally.mismatches.append(
                f"{case}: section of {path}: expected {' or '.join(accepted)}, got {shown}"
            )
    for path, titles in sorted(placed.items()):
        tally.false_positives += len(titles)
        tally.mismatches.append(f"{case}: section of {path}: got {', '.join(titles)}, expected -")
    return tally


# -- restating ------------------------------------------------------------------------------

# Words that say nothing about a symbol in a one-line summary.
FILLER = frozenset(
    {"a", "an", "the", "is", "are", "be", "it", "its", "this", "of", "return", "returns", "whether"}
)
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z]|[0-9]|\b|_)|[A-Z]?[a-z]+|[0-9]+")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("es") and word[:-2].endswith(("s", "x", "ch", "sh")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> set[str]:
    return {_stem(w.lower()) for w in _WORDS.findall(text)}


def restates(qualname: str, docstring: str) -> bool:
    """Whether every word of ``docstring`` but filler is a word of the qualified name
    (``TagDict.to_json`` + ``"To json."``): such a docstring adds nothing."""
    return words(docstring) - FILLER <= words(qualname.replace(".", " "))


# -- building the review cases ---------------------------------------------------------------


def _git(cwd: Path, *argv: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "GIT_AUTHOR_DATE": _FIXED_DATE,
        "GIT_COMMITTER_DATE": _FIXED_DATE,
    }
    proc = subprocess.run(
        ["git", *argv], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise CaseError(f"git {' '.join(argv)} in {cwd}: {proc.stderr.strip()}")
    return proc.stdout.strip()


def package_archive(spec: dict[str, str], cache: Path) -> Path:
    """The released archive of ``spec["package"]`` from the cache, fetched once and checked
    against its pinned sha256: a PyPI sdist (``name==version``, with ``pip download``) or an
    npm tarball (``name@version``, with ``npm pack``)."""
    package = spec["package"]
    if "==" in package:
        name, version = package.split("==")
        folder = cache / "sdists"
        pattern = f"{normalized(name).replace('-', '_')}-{version}.tar.gz"
        argv = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        argv += ["--no-binary", ":all:", "-d", str(folder), package]
    else:
        name, _, version = package.rpartition("@")
        folder = cache / "npm"
        pattern = f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
        argv = ["npm", "pack", "--loglevel=error", "--pack-destination", str(folder), package]
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / pattern
    if not archive.is_file():
        print(f"  fetching {package} into {folder}", flush=True)
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise CaseError(f"{argv[0]} is not installed: it fetches {package}") from None
        if proc.returncode != 0 or not archive.is_file():
            raise CaseError(f"fetching {package} failed: {proc.stderr.strip()[-400:]}")
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    if digest != spec["sha256"]:
        raise CaseError(f"{archive}: sha256 {digest}, expected {spec['sha256']}: delete it")
    return archive


def _sdist_files(archive: Path) -> dict[str, bytes]:
    """The files of a release archive under their paths in the project (its top folder
    stripped), without the build's metadata."""
    files: dict[str, bytes] = {}
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            relpath = member.name.split("/", 1)[1] if "/" in member.name else ""
            if not relpath or SDIST_ONLY.match(relpath):
                continue
            handle = tar.extractfile(member)
            if handle is not None:
                files[relpath] = handle.read()
    return files


def _commit(repo: Path, files: dict[str, bytes], message: str) -> str:
    for child in repo.iterdir():
        if child.name != ".git":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for relpath, data in files.items():
        target = repo / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


def build_range(
    case: dict[str, Any], cache: Path, workdir: Path, repository: Path
) -> tuple[Path, str, str]:
    """The repository and the base and head commits of a case (``repository``: the clone of
    this project the history cases are read from)."""
    if case["source"] == "history":
        for sha in (case["base"], case["head"]):
            try:
                _git(repository, "cat-file", "-e", f"{sha}^{{commit}}")
            except CaseError:
                raise CaseError(
                    f"commit {sha} is not in {repository}: the history cases need a full "
                    "clone (`git fetch --unshallow`)"
                ) from None
        return repository, case["base"], case["head"]
    base_files = _sdist_files(package_archive(case["base"], cache))
    head_files = _sdist_files(package_archive(case["head"], cache))
    if case["source"] == "lock-only":
        lock = case["lock"]
        head_files = {**base_files, lock: head_files[lock]}
    repo = workdir / case["name"]
    repo.mkdir()
    _git(repo, "init", "-q")
    base = _commit(repo, base_files, case["base"]["package"])
    head = _commit(repo, head_files, case["head"]["package"])
    return repo, base, head


def review_facts_of(repo_path: Path, base: str, head: str) -> tuple[Any, dict[str, str]]:
    """The offline review's facts, from the input ``vibe review --no-analyze`` builds, and the
    renames the diff found (old path -> new path)."""
    import pygit2

    from app.agents.reviewer.facts import review_facts
    from app.agents.reviewer.gitdiff import analyzed_input

    repo = pygit2.Repository(str(repo_path))
    merge_base = str(repo.merge_base(base, head))
    review_input = analyzed_input(repo, merge_base, head, None)
    renamed = {f.previous_path: f.path for f in review_input.files if f.previous_path}
    return review_facts(review_input), renamed


def run_review(
    cases: list[dict[str, Any]], cache: Path, repository: Path
) -> tuple[dict[str, Tally], int]:
    tallies = {"symbols": Tally(), "dependencies": Tally(), "sections": Tally()}
    errors = 0
    with tempfile.TemporaryDirectory(prefix="vibe-offline-quality-") as tmp:
        for case in cases:
            try:
                repo, base, head = build_range(case, cache, Path(tmp), repository)
                facts, renamed = review_facts_of(repo, base, head)
            except CaseError as exc:
                errors += 1
                print(f"  {case['name']}: NOT RUN: {exc}")
                continue
            expected = case["expected"]
            per_case = {
                "symbols": score_symbols(case["name"], expected["symbols"], facts.symbols),
                "dependencies": score_dependencies(
                    case["name"], expected["dependencies"], facts.dependencies
                ),
                "sections": score_sections(
                    case["name"], expected["sections"], facts.sections, renamed
                ),
            }
            overall = Tally()
            for kind, tally in per_case.items():
                tallies[kind].add(tally)
                overall.add(tally)
            print(f"  {case['name']:<28} {overall.line()}")
    return tallies, errors


# -- the docs half ----------------------------------------------------------------------------


def module_text(case: dict[str, Any], repository: Path) -> tuple[str, str]:
    """(the path the generator sees, the module's text), checked against the pinned sha256."""
    if case["source"] == "installed":
        package, _, inner = case["module"].partition("/")
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise CaseError(f"{package} is not installed (pip install {case['version']})")
        path = Path(next(iter(spec.submodule_search_locations))) / inner
        data = path.read_bytes() if path.is_file() else b""
    else:
        proc = subprocess.run(
            ["git", "show", f"{case['commit']}:{case['module']}"],
            cwd=repository,
            capture_output=True,
            check=False,
        )
        if proc.returncode != 0:
            raise CaseError(f"{case['module']} at {case['commit']} is not in {repository}")
        data = proc.stdout
    digest = hashlib.sha256(data).hexdigest()
    if digest != case["sha256"]:
        raise CaseError(
            f"{case['module']} is not the file the expectations were written for "
            f"({case.get('version', case.get('commit'))}): sha256 {digest}"
        )
    return case["module"], data.decode("utf-8")


def generated_docstrings(relpath: str, text: str) -> tuple[dict[str, str], str | None]:
    """What ``vibe docs --offline`` adds to the module: (docstring by qualified name, the reason
    nothing was added or ``None``). Through the docs agent's
    :func:`~app.agents.docs.docstrings.offline_docstrings` where it has one; otherwise the
    path of ``app/agents/docs/agent.py``'s ``_docstrings`` without a model."""
    from app.agents.docs import docstrings

    offline_docstrings = getattr(docstrings, "offline_docstrings", None)
    if offline_docstrings is not None:
        return dict(offline_docstrings(text, relpath)), None
    return _docstrings_before_issue_21(relpath, text)


def _docstrings_before_issue_21(relpath: str, text: str) -> tuple[dict[str, str], str | None]:
    from app.agents.docs.source import SourceTree

    docstrings: Any = importlib.import_module("app.agents.docs.docstrings")
    parts = relpath.split("/")
    tree = SourceTree(
        root=ROOT,
        paths=frozenset({relpath}),
        dirs=frozenset("/".join(parts[:depth]) for depth in range(1, len(parts))),
        texts={relpath: text},
    )
    targets = [t for t in docstrings.find_targets(tree) if t.path == relpath]
    pairs = [(t, docstrings.offline_docstring(t)) for t in targets]
    if pairs and docstrings.insert_docstrings(text, pairs) is None:
        return {}, "docstrings left out, the file would not parse"
    return {t.qualname: docstrings.clean_docstring(doc) for t, doc in pairs}, None


DocstringSource = Callable[[str, str], tuple[dict[str, str], str | None]]


@dataclass
class DocsTally:
    written: int = 0
    restating: list[str] = field(default_factory=list)
    on_overrides: list[str] = field(default_factory=list)
    on_other_must_not: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    every: list[str] = field(default_factory=list)
    candidates: int = 0
    candidates_written: int = 0
    skipped: list[str] = field(default_factory=list)


def run_docs(
    cases: list[dict[str, Any]], generate: DocstringSource, repository: Path
) -> tuple[DocsTally, int]:
    tally = DocsTally()
    errors = 0
    for case in cases:
        try:
            relpath, text = module_text(case, repository)
        except CaseError as exc:
            errors += 1
            print(f"  {case['name']}: NOT RUN: {exc}")
            continue
        written, skipped = generate(relpath, text)
        may = set(case.get("may", []))
        must_not: dict[str, str] = case.get("must_not", {})
        tally.candidates += len(may)
        if skipped:
            tally.skipped.append(f"{case['name']}: {skipped}")
        restating = 0
        for qualname, docstring in sorted(written.items()):
            tally.written += 1
            where = f"{case['name']}: {qualname}: {docstring!r}"
            tally.every.append(where)
            if restates(qualname, docstring):
                restating += 1
                tally.restating.append(where)
            reason = must_not.get(qualname)
            if reason == "override":
                tally.on_overrides.append(where)
            elif reason is not None:
                tally.on_other_must_not.append(f"{where} ({reason})")
            elif qualname in may:
                tally.candidates_written += 1
            else:
                tally.unlisted.append(where)
        print(
            f"  {case['name']:<28} {len(written):>3} written, {restating} restating, "
            f"{sum(1 for q in written if must_not.get(q) == 'override')} on documented "
            f"overrides; {sum(1 for q in written if q in may)} of {len(may)} undocumented "
            f"symbols documented" + (f" ({skipped})" if skipped else "")
        )
    return tally, errors


# -- report ------------------------------------------------------------------------------------


def load(name: str) -> dict[str, Any]:
    document = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _selected(cases: list[dict[str, Any]], only: str | None) -> list[dict[str, Any]]:
    return [c for c in cases if only is None or only in c["name"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("review", "docs", "all"), default="all")
    parser.add_argument("--case", metavar="TEXT", help="only the cases whose name contains it")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--repository",
        type=Path,
        default=ROOT,
        help="a clone of this project with its history (default: this checkout)",
    )
    parser.add_argument("--verbose", action="store_true", help="list every mismatch")
    args = parser.parse_args(argv)

    met = True
    errors = 0
    if args.part in ("review", "all"):
        cases = _selected(load("review.yml")["cases"], args.case)
        print(f"Review facts ({_count(len(cases), 'commit range')}):")
        if importlib.util.find_spec("app.agents.reviewer.facts") is None:
            print("  NOT RUN: app/agents/reviewer/facts.py does not exist yet")
            errors += 1
            met = False
        else:
            tallies, review_errors = run_review(cases, args.cache_dir, args.repository)
            errors += review_errors
            overall = Tally()
            for kind, tally in tallies.items():
                print(f"  {kind:<13} {tally.line()}")
                overall.add(tally)
            print(f"  {'all facts':<13} {overall.line()}")
            met &= overall.precision >= PRECISION_GOAL and overall.recall >= RECALL_GOAL
            if args.verbose and overall.mismatches:
                print("  Mismatches:")
                for line in overall.mismatches:
                    print(f"    {line}")
    if args.part in ("docs", "all"):
        cases = _selected(load("docs.yml")["modules"], args.case)
        print(f"Docstrings ({_count(len(cases), 'module')}):")
        docs, docs_errors = run_docs(cases, generated_docstrings, args.repository)
        errors += docs_errors
        share = len(docs.restating) / docs.written if docs.written else 0.0
        restating = len(docs.restating)
        print(f"  written {docs.written:,}; restating their name {restating:,} ({share:.0%})")
        print(f"  on documented overrides {len(docs.on_overrides):,}")
        print(f"  on other symbols that must not get one {len(docs.on_other_must_not):,}")
        print(
            f"  undocumented symbols given one {docs.candidates_written:,} of {docs.candidates:,}"
        )
        for line in docs.skipped:
            print(f"  skipped: {line}")
        met &= not docs.restating and not docs.on_overrides
        if args.verbose:
            for title, lines in (
                ("Restating", docs.restating),
                ("On documented overrides", docs.on_overrides),
                ("On other must-not symbols", docs.on_other_must_not),
                ("On symbols the expectations do not list", docs.unlisted),
                ("Every docstring written", docs.every),
            ):
                if lines:
                    print(f"  {title}:")
                    for line in lines:
                        print(f"    {line}")
    print(f"Goal: {GOAL_LINE}: {'met' if met and not errors else 'NOT MET'}")
    if errors:
        return 2
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
