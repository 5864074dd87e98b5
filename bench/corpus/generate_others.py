"""Write the labelled JavaScript, Go and Java corpora of the detection benchmark.

    python bench/corpus/generate_others.py            # rewrite bench/corpus/{javascript,go,java}
    python bench/corpus/generate_others.py --check    # exit 1 if the files on disk differ
    python bench/corpus/generate_others.py --out DIR  # write DIR/{javascript,go,java} instead

Deterministic: the same code writes the same files. Each class folder holds the cases of one
class (classes.yml); ``<language>/manifest.csv`` labels them (path, class, vulnerable, variant).
Case ids are numbers, neither class nor label; a case and its safe twin get neighbouring ones,
in an order that does not give the label away.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import go_cases
import java_cases
import js_cases
from casegen import Case

ROOT = Path(__file__).resolve().parent
LANGUAGES: dict[str, Callable[[], list[Case]]] = {
    "javascript": js_cases.cases,
    "go": go_cases.cases,
    "java": java_cases.cases,
}


def case_stem(language: str, number: int) -> str:
    """A neutral id: it names neither the class nor the label (a Java class is named after it)."""
    if language == "java":
        return f"Case{number:05d}"
    if language == "go":
        return f"case_{number:04d}"
    return f"case-{number:04d}"


def layout(language: str, cases: Sequence[Case]) -> dict[str, tuple[Case, str]]:
    """Relative path -> (case, file text); twins get neighbouring numbers in a hashed order."""
    files: dict[str, tuple[Case, str]] = {}
    for start in range(0, len(cases), 2):
        twins = list(cases[start : start + 2])
        if zlib.crc32(f"{language}/{start}".encode()) % 2:
            twins.reverse()
        for offset, case in enumerate(twins):
            stem = case_stem(language, start + offset + 1)
            path = f"{case.cls}/{stem}{case.ext}"
            files[path] = (case, case.code.replace("CASE_NAME", stem))
    return files


def manifest(files: dict[str, tuple[Case, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", "class", "vulnerable", "variant"])
    for path, (case, _) in files.items():
        writer.writerow([path, case.cls, "true" if case.vulnerable else "false", case.variant])
    return out.getvalue()


def expected_tree(language: str) -> dict[str, str]:
    files = layout(language, LANGUAGES[language]())
    tree = {path: text for path, (_, text) in files.items()}
    tree["manifest.csv"] = manifest(files)
    return tree


def on_disk(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def write_tree(folder: Path, tree: dict[str, str]) -> None:
    if folder.is_dir():
        shutil.rmtree(folder)
    for relative, text in tree.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="write <OUT>/<language>/")
    parser.add_argument("--check", action="store_true", help="compare with OUT, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for language in LANGUAGES:
        tree = expected_tree(language)
        folder = args.out / language
        if args.check:
            if on_disk(folder) != tree:
                stale.append(language)
            continue
        write_tree(folder, tree)
        print(f"{language}: {len(tree) - 1} cases")
    if stale:
        print(f"stale corpus: {', '.join(stale)}; run {Path(__file__).name}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
