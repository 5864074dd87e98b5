"""The health score and the parts that explain it."""

from __future__ import annotations

from app.agents.scanner.health import score_health
from app.models.scan import (
    Dependency,
    Ecosystem,
    Evidence,
    Framework,
    Health,
    HealthPart,
    Infrastructure,
    Manifest,
)


def part(health: Health, name: str) -> HealthPart:
    return next(p for p in health.parts if p.name == name)


def dep(
    name: str,
    spec: str | None,
    ecosystem: Ecosystem = "npm",
    resolved: str | None = None,
    manifest: str = "package.json",
) -> Dependency:
    return Dependency(
        name=name,
        ecosystem=ecosystem,
        version_spec=spec,
        resolved_version=resolved,
        manifest=manifest,
    )


WELL_KEPT = [
    "README.md", "LICENSE", ".gitignore", "SECURITY.md", "CONTRIBUTING.md",
    ".github/CODE_OF_CONDUCT.md", ".github/dependabot.yml", ".github/workflows/ci.yml",
    "package.json", "package-lock.json", "src/index.ts", "src/cart.test.ts", "docs/index.md",
]  # fmt: skip
JEST = Framework(name="Jest", category="test", evidence=[Evidence(path="package.json")])
ACTIONS = Infrastructure(name="GitHub Actions", category="ci", paths=[".github/workflows/ci.yml"])


def test_a_well_kept_repository_scores_one_and_says_why() -> None:
    health = score_health(
        WELL_KEPT,
        [Manifest(path="package.json", ecosystem="npm", kind="manifest", dependencies=1)],
        [dep("express", "^4.19.2", resolved="4.19.2")],
        [JEST],
        [ACTIONS],
        "MIT",
    )

    assert health.score == 1.0
    assert {p.name: p.detail for p in health.parts} == {
        "tests": "1 test file (Jest)",
        "continuous integration": "runs on GitHub Actions",
        "licence": "licensed under MIT",
        "readme": "README.md at the root",
        "lock files": "every manifest has a lock file (1 of 1)",
        "pinned dependencies": "1 of 1 dependencies pinned by a lock file or an exact version",
        "documentation": "documentation in docs",
        "security policy": "SECURITY.md is present",
        "contributing guide": "CONTRIBUTING.md is present",
        "code of conduct": ".github/CODE_OF_CONDUCT.md is present",
        ".gitignore": ".gitignore keeps build output out of git",
        "dependency updates": "automated by .github/dependabot.yml",
    }


def test_an_empty_repository_scores_zero_and_says_what_is_missing() -> None:
    health = score_health([], [], [], [], [], None)

    assert health.score == 0.0
    assert part(health, "tests").detail == "no test files found"
    assert part(health, "continuous integration").detail == "no CI configuration found"
    assert part(health, "licence").detail == "no licence file or licence metadata"
    assert "lock files" not in {p.name for p in health.parts}, "nothing to lock is not a fault"
    assert "pinned dependencies" not in {p.name for p in health.parts}


def test_the_score_is_the_weighted_mean_of_the_parts_rounded_to_two_decimals() -> None:
    health = score_health(["README.md", "src/app.py", "tests/test_app.py"], [], [], [], [], None)

    expected = sum(p.weight * p.score for p in health.parts) / sum(p.weight for p in health.parts)
    assert health.score == round(expected, 2)
    assert 0.0 < health.score < 1.0


def test_a_manifest_without_a_lock_file_is_named() -> None:
    manifests = [
        Manifest(path="web/package.json", ecosystem="npm", kind="manifest", dependencies=3),
        Manifest(path="api/Cargo.toml", ecosystem="cargo", kind="manifest", dependencies=2),
        Manifest(path="Cargo.lock", ecosystem="cargo", kind="lockfile", dependencies=40),
    ]
    relpaths = ["web/package.json", "api/Cargo.toml", "Cargo.lock"]

    health = score_health(relpaths, manifests, [], [], [], None)

    lock_files = part(health, "lock files")
    assert lock_files.score == 0.5
    assert lock_files.detail == "1 of 2 manifests have a lock file; missing for web/package.json"


def test_a_single_unlocked_manifest_reads_naturally() -> None:
    manifests = [Manifest(path="package.json", ecosystem="npm", kind="manifest", dependencies=3)]

    health = score_health(["package.json"], manifests, [], [], [], None)

    assert part(health, "lock files").detail == "no lock file for package.json"


def test_pinning_follows_each_ecosystems_meaning_of_a_bare_version() -> None:
    dependencies = [
        dep("react", "18.3.1"),  # npm: exact
        dep("lodash", "^4.17.21"),  # npm: a range
        dep("serde", "1.0.200", ecosystem="cargo", manifest="Cargo.toml"),  # cargo: caret
        dep("tokio", "=1.37.0", ecosystem="cargo", manifest="Cargo.toml"),
        dep("flask", "==3.0.3", ecosystem="pypi", manifest="requirements.txt"),
        dep("requests", ">=2", ecosystem="pypi", manifest="requirements.txt"),
        dep("gin", "v1.10.0", ecosystem="go", resolved="v1.10.0", manifest="go.mod"),
        dep("rails", "~> 7.1", ecosystem="rubygems", resolved="7.1.3", manifest="Gemfile"),
    ]
    lock_entry = dep("loose-envify", None, resolved="1.4.0").model_copy(update={"direct": False})

    health = score_health([], [], [*dependencies, lock_entry], [], [], None)

    pinned = part(health, "pinned dependencies")
    assert pinned.detail == "5 of 8 dependencies pinned by a lock file or an exact version"
    assert pinned.score == 0.62


def test_an_unrecognised_licence_file_earns_half() -> None:
    health = score_health(["LICENSE.md"], [], [], [], [], None)

    licence = part(health, "licence")
    assert (licence.score, licence.detail) == (
        0.5,
        "a licence file is present but was not recognised",
    )


def test_a_test_framework_without_test_files_earns_little() -> None:
    health = score_health(["package.json", "src/index.js"], [], [], [JEST], [], None)

    assert part(health, "tests").score == 0.25
    assert part(health, "tests").detail == "Jest configured but no test files"


def test_test_files_are_recognised_across_languages() -> None:
    relpaths = [
        "pkg/server_test.go", "spec/models/user_spec.rb", "src/test/java/a/CartTest.java",
        "test_utils.py", "web/src/App.spec.tsx", "lib/parser_test.dart", "README.md",
        "tests/fixtures/data.json",
    ]  # fmt: skip

    health = score_health(relpaths, [], [], [], [], None)

    assert part(health, "tests").detail == "6 test files"
