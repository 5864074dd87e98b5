"""Where a changed file belongs: its area (top folder), and whether it is a test, docs, CI,
a dependency manifest or security-sensitive code. Pure path rules."""

from __future__ import annotations

import re

from app.agents.scanner.manifests import is_manifest

_TEST = re.compile(
    r"(^|/)(tests?|__tests__|spec|testdata)(/|$)|(^|/)test_[^/]*$|_test\.[a-z]+$"
    r"|\.(test|spec)\.[jt]sx?$"
)
_DOCS = re.compile(
    r"(^|/)docs?/|\.(md|rst|adoc|txt)$|(^|/)(README|CHANGELOG|CONTRIBUTING)[^/]*$", re.I
)
_CI = re.compile(r"^\.github/workflows/|^\.gitlab-ci\.yml$|^\.circleci/|(^|/)Jenkinsfile$")
_SENSITIVE = re.compile(
    r"auth|login|passw|secret|token|crypt|jwt|session|permission|access|admin|oauth|sql|"
    r"migrat|security|payment|billing|webhook|verify|sign|cookie|csrf|sanitiz|"
    r"(^|/)Dockerfile|\.github/workflows/|(^|/)(deploy|k8s|kubernetes|helm|terraform)/",
    re.I,
)


def area_of(path: str) -> str:
    """The top folder (``src/api`` for ``src/api/x.py``: ``src`` alone says little), or
    ``(root)``."""
    parts = path.split("/")
    if len(parts) == 1:
        return "(root)"
    if parts[0] in ("src", "lib", "packages", "apps", "services") and len(parts) > 2:
        return "/".join(parts[:2])
    return parts[0]


def is_test(path: str) -> bool:
    return bool(_TEST.search(path))


def is_docs(path: str) -> bool:
    return bool(_DOCS.search(path)) and not is_test(path) and not is_manifest(path)


def is_ci(path: str) -> bool:
    return bool(_CI.search(path))


def is_dependency_manifest(path: str) -> bool:
    return is_manifest(path)


def is_sensitive(path: str) -> bool:
    return bool(_SENSITIVE.search(path)) and not is_test(path) and not is_docs(path)
