"""Writes the labelled Python corpus of the detection benchmark (bench/detection.py).

    python bench/corpus/python/generate.py            # rewrites the class folders, manifest.csv
    python bench/corpus/python/generate.py --out DIR  # somewhere else (the tests compare)

Every vulnerable case has a safe twin: the same source, flow and sink with one thing changed (a
sanitizer, a constant, a dead branch, a validated value, another element of a collection, a safe
sink, secure flags, a strong algorithm). The output is deterministic: the same script writes the
same files, and tests/bench/test_corpus_python.py checks that the committed corpus is its output.
The cases are written from the classes' definitions (bench/corpus/classes.yml), not from any
analyzer's rules.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from pathlib import Path

# The generator's modules sit beside the corpus, which is scanned as it is: no __pycache__ there.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_compose import Case, choices, compose, own_safe_kinds, safe_kinds  # noqa: E402
from gen_data import DESERIALIZATION, TRUST, XXE  # noqa: E402
from gen_injection import CODE, COMMAND, SQL  # noqa: E402
from gen_model import Scenario  # noqa: E402
from gen_patterns import (  # noqa: E402
    COOKIE,
    HASH,
    HASH_BENIGN,
    RANDOM,
    RANDOM_BENIGN,
    cookie_programs,
)
from gen_query import LDAP, TEMPLATE, XPATH  # noqa: E402
from gen_web import PATH, REDIRECT, SSRF, XSS  # noqa: E402

HERE = Path(__file__).resolve().parent
PAIRS = 30
PREFIX = {
    "command-injection": "cmdi",
    "sql-injection": "sqli",
    "code-injection": "codei",
    "ldap-injection": "ldapi",
    "xpath-injection": "xpathi",
    "template-injection": "ssti",
    "path-traversal": "pathtraver",
    "ssrf": "ssrf",
    "open-redirect": "redirect",
    "xss": "xss",
    "xxe": "xxe",
    "deserialization": "deserial",
    "trust-boundary": "trustbound",
    "insecure-cookie": "cookie",
    "weak-hash": "hash",
    "weak-random": "random",
}
# (scenarios, whether the generic safe variants apply, benign scenarios: safe on their own)
CLASSES: dict[str, tuple[tuple[Scenario, ...], bool, tuple[Scenario, ...]]] = {
    "command-injection": (COMMAND, True, ()),
    "sql-injection": (SQL, True, ()),
    "code-injection": (CODE, True, ()),
    "ldap-injection": (LDAP, True, ()),
    "xpath-injection": (XPATH, True, ()),
    "template-injection": (TEMPLATE, True, ()),
    "path-traversal": (PATH, True, ()),
    "ssrf": (SSRF, True, ()),
    "open-redirect": (REDIRECT, True, ()),
    "xss": (XSS, True, ()),
    "xxe": (XXE, True, ()),
    "deserialization": (DESERIALIZATION, True, ()),
    "trust-boundary": (TRUST, True, ()),
    "insecure-cookie": (COOKIE, False, ()),
    "weak-hash": (HASH, False, HASH_BENIGN),
    "weak-random": (RANDOM, False, RANDOM_BENIGN),
}


def class_cases(name: str) -> list[tuple[Case, bool]]:
    """The cases of one class, each vulnerable case followed by its safe twin."""
    scenarios, generic, benign = CLASSES[name]
    cases: list[tuple[Case, bool]] = []
    for i, choice in enumerate(choices(scenarios, PAIRS)):
        cases.append((compose(choice, None), True))
        framework = choice.source.framework
        kinds = (
            safe_kinds(choice.scenario, framework)
            if generic
            else own_safe_kinds(choice.scenario, framework)
        )
        kind = kinds[(i // len(scenarios) + i % len(scenarios)) % len(kinds)]
        cases.append((compose(choice, kind), False))
    if benign:
        for choice in choices(benign, 2 * len(benign)):
            case = compose(choice, None)
            cases.append((Case(case.text, case.variant + ";safe=not-a-secret"), False))
    if name == "insecure-cookie":
        cases += [
            (Case(text, variant), vulnerable) for variant, text, vulnerable in cookie_programs()
        ]
    return cases


def write(out: Path) -> int:
    """Writes every class folder and manifest.csv under ``out``; returns the number of cases."""
    rows: list[tuple[str, str, str, str]] = []
    for name, prefix in PREFIX.items():
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for number, (case, vulnerable) in enumerate(class_cases(name), start=1):
            relative = f"{name}/{prefix}-{number:04d}.py"
            (out / relative).write_text(case.text, encoding="utf-8")
            rows.append((relative, name, "true" if vulnerable else "false", case.variant))
    with (out / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("path", "class", "vulnerable", "variant"))
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where to write (default: here)")
    args = parser.parse_args(argv)
    count = write(args.out)
    print(f"{count} cases written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
