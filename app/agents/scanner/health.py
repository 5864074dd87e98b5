"""A repository health score between 0 and 1, made of parts a user can read: each part has a
weight, a score and a sentence saying why. Parts that do not apply (pinning when there are no
dependencies) are left out rather than given free points."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from functools import lru_cache

from app.models.scan import Dependency, Framework, Health, HealthPart, Infrastructure, Manifest

__all__ = ["score_health"]

# Manifests whose ecosystem expects a lock file next to it (or at a workspace root above it).
_LOCKS = {
    "package.json": (
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb",
        "bun.lock",
    ),
    "pyproject.toml": ("poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock", "pylock.toml"),
    "Pipfile": ("Pipfile.lock",), "Cargo.toml": ("Cargo.lock",), "Gemfile": ("Gemfile.lock",),
    "gems.rb": ("gems.locked",), "composer.json": ("composer.lock",),
    "pubspec.yaml": ("pubspec.lock",), "mix.exs": ("mix.lock",), "go.mod": ("go.sum",),
}  # fmt: skip
# An exact version where the ecosystem reads a bare version as exact.
_EXACT = re.compile(r"^(?:==|=)?\s*v?\d+(?:\.\d+)*(?:[-+.][0-9A-Za-z.-]+)?$")
_NEEDS_OPERATOR = {"pypi": ("==",), "cargo": ("=",)}
_TEST_DIRS = {"test", "tests", "spec", "specs", "__tests__", "testing", "e2e"}
_TEST_SUFFIXES = (
    "_test.py", "_test.go", "_spec.rb", "_test.rb", "_test.exs", "_test.dart", "Test.java",
    "Tests.java", "Test.kt", "Tests.cs", "Test.cs", "Test.php", "_test.rs",
)  # fmt: skip
_CODE_SUFFIXES = (
    ".py", ".go", ".rb", ".js", ".ts", ".jsx", ".tsx", ".java", ".kt", ".cs", ".php", ".rs",
    ".ex", ".exs", ".dart", ".swift", ".c", ".cc", ".cpp", ".scala", ".mjs", ".cjs",
)  # fmt: skip
_DOC_FILES = {
    "mkdocs.yml", "mkdocs.yaml", ".readthedocs.yaml", ".readthedocs.yml",
    "docusaurus.config.js", "docusaurus.config.ts", "book.toml",
}  # fmt: skip
_UPDATE_BOTS = {
    ".github/dependabot.yml", ".github/dependabot.yaml", "renovate.json", "renovate.json5",
    ".renovaterc", ".renovaterc.json", ".github/renovate.json",
}  # fmt: skip
_COMMUNITY_DIRS = ("", ".github/", "docs/")


def score_health(
    relpaths: Sequence[str],
    manifests: Sequence[Manifest],
    dependencies: Sequence[Dependency],
    frameworks: Sequence[Framework],
    infrastructure: Sequence[Infrastructure],
    license: str | None,
) -> Health:
    """Weighted mean of the parts, two decimals. Tests and CI weigh most (2), then the licence
    (1.5), README, lock files and pinning (1), docs, security policy, contributing guide and
    dependency updates (0.5), code of conduct and .gitignore (0.25)."""
    paths = set(relpaths)
    root = {path.lower(): path for path in paths if "/" not in path}
    shallow = {path.lower(): path for path in paths if path.count("/") <= 1}
    parts = [
        _tests(relpaths, frameworks),
        _ci(infrastructure),
        _license(license, root),
        _readme(root, relpaths),
        _lock_files(manifests, paths),
        _pinned(dependencies),
        _docs(relpaths),
        _community_file("security policy", 0.5, ("security.md", "security.rst"), shallow),
        _community_file(
            "contributing guide", 0.5, ("contributing.md", "contributing.rst"), shallow
        ),
        _community_file("code of conduct", 0.25, ("code_of_conduct.md",), shallow),
        _gitignore(root),
        _updates(paths),
    ]
    applicable = [part for part in parts if part is not None]
    total = sum(part.weight for part in applicable)
    score = sum(part.weight * part.score for part in applicable) / total if total else 0.0
    return Health(score=round(score, 2), parts=applicable)


def _part(name: str, weight: float, score: float, detail: str) -> HealthPart:
    return HealthPart(name=name, weight=weight, score=round(score, 2), detail=detail)


def _is_test_file(relpath: str) -> bool:
    parent, _, name = relpath.rpartition("/")
    by_name = _test_by_name(name)
    return by_name if by_name is not None else _in_test_dir(parent)


# Asked for every file of the tree: one answer per name and per folder.
@lru_cache(maxsize=65536)
def _test_by_name(name: str) -> bool | None:
    """True or False when the name says, None when the folder decides."""
    if not name.endswith(_CODE_SUFFIXES):
        return False
    if name.startswith("test_") or name.endswith(_TEST_SUFFIXES):
        return True
    if ".test." in name or ".spec." in name:
        return True
    return None


@lru_cache(maxsize=16384)
def _in_test_dir(parent: str) -> bool:
    return any(part in _TEST_DIRS for part in parent.split("/"))


def _tests(relpaths: Sequence[str], frameworks: Sequence[Framework]) -> HealthPart:
    count = sum(1 for path in relpaths if _is_test_file(path))
    tools = [f.name for f in frameworks if f.category == "test"]
    using = f" ({', '.join(tools)})" if tools else ""
    if count:
        files = "1 test file" if count == 1 else f"{count} test files"
        return _part("tests", 2.0, 1.0, f"{files}{using}")
    if tools:
        return _part("tests", 2.0, 0.25, f"{', '.join(tools)} configured but no test files")
    return _part("tests", 2.0, 0.0, "no test files found")


def _ci(infrastructure: Sequence[Infrastructure]) -> HealthPart:
    systems = [item.name for item in infrastructure if item.category == "ci"]
    if systems:
        return _part("continuous integration", 2.0, 1.0, f"runs on {', '.join(systems)}")
    return _part("continuous integration", 2.0, 0.0, "no CI configuration found")


def _license(license: str | None, root: dict[str, str]) -> HealthPart:
    if license:
        return _part("licence", 1.5, 1.0, f"licensed under {license}")
    if any(name.startswith(("license", "licence", "copying")) for name in root):
        return _part("licence", 1.5, 0.5, "a licence file is present but was not recognised")
    return _part("licence", 1.5, 0.0, "no licence file or licence metadata")


def _readme(root: dict[str, str], relpaths: Sequence[str]) -> HealthPart:
    readme = sorted(name for lowered, name in root.items() if lowered.startswith("readme"))
    if readme:
        return _part("readme", 1.0, 1.0, f"{readme[0]} at the root")
    if any(path.rpartition("/")[2].lower().startswith("readme") for path in relpaths):
        return _part("readme", 1.0, 0.5, "a README exists only in a subfolder")
    return _part("readme", 1.0, 0.0, "no README")


def _lock_files(manifests: Sequence[Manifest], paths: set[str]) -> HealthPart | None:
    needing = [
        m.path
        for m in manifests
        if m.kind == "manifest" and m.dependencies and posixpath.basename(m.path) in _LOCKS
    ]
    if not needing:
        return None
    missing = [path for path in sorted(needing) if not _has_lock(path, paths)]
    covered = len(needing) - len(missing)
    if not missing:
        detail = f"every manifest has a lock file ({covered} of {len(needing)})"
    elif len(needing) == 1:
        detail = f"no lock file for {missing[0]}"
    else:
        shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
        detail = f"{covered} of {len(needing)} manifests have a lock file; missing for {shown}"
    return _part("lock files", 1.0, covered / len(needing), detail)


def _has_lock(manifest: str, paths: set[str]) -> bool:
    directory, _, name = manifest.rpartition("/")
    while True:
        prefix = f"{directory}/" if directory else ""
        if any(prefix + lock in paths for lock in _LOCKS[name]):
            return True
        if not directory:
            return False
        directory = directory.rpartition("/")[0]


def _is_pinned(dependency: Dependency) -> bool:
    if dependency.resolved_version:
        return True
    spec = (dependency.version_spec or "").strip()
    if not _EXACT.match(spec):
        return False
    operators = _NEEDS_OPERATOR.get(dependency.ecosystem)
    return operators is None or spec.startswith(operators)


def _pinned(dependencies: Sequence[Dependency]) -> HealthPart | None:
    direct = [d for d in dependencies if d.direct]
    if not direct:
        return None
    pinned = sum(1 for d in direct if _is_pinned(d))
    detail = f"{pinned} of {len(direct)} dependencies pinned by a lock file or an exact version"
    return _part("pinned dependencies", 1.0, pinned / len(direct), detail)


def _docs(relpaths: Sequence[str]) -> HealthPart:
    for path in relpaths:
        top, _, rest = path.partition("/")
        if (rest and top.lower() in ("docs", "doc", "documentation")) or path in _DOC_FILES:
            return _part("documentation", 0.5, 1.0, f"documentation in {top if rest else path}")
    return _part("documentation", 0.5, 0.0, "no docs/ folder or documentation site config")


def _community_file(
    name: str, weight: float, filenames: Sequence[str], lowered: dict[str, str]
) -> HealthPart:
    """SECURITY.md and friends where GitHub looks for them: the root, .github/ and docs/."""
    for directory in _COMMUNITY_DIRS:
        for filename in filenames:
            found = lowered.get(directory + filename)
            if found is not None:
                return _part(name, weight, 1.0, f"{found} is present")
    return _part(name, weight, 0.0, f"no {filenames[0].upper().replace('.MD', '.md')}")


def _gitignore(root: dict[str, str]) -> HealthPart:
    if ".gitignore" in root:
        return _part(".gitignore", 0.25, 1.0, ".gitignore keeps build output out of git")
    return _part(".gitignore", 0.25, 0.0, "no .gitignore at the root")


def _updates(paths: set[str]) -> HealthPart:
    bot = next((path for path in sorted(_UPDATE_BOTS) if path in paths), None)
    if bot is not None:
        return _part("dependency updates", 0.5, 1.0, f"automated by {bot}")
    return _part("dependency updates", 0.5, 0.0, "no Dependabot or Renovate configuration")
