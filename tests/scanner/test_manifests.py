"""The manifests package as the scanner sees it: which paths are manifests, what one call
returns, and that no content, however broken, escapes as an exception."""

from __future__ import annotations

import pytest

from app.agents.scanner.manifests import ManifestResults, is_manifest, parse_manifests
from tests.scanner.projects import PROJECTS, dependency, parse_files, parse_project

ECOSYSTEMS = sorted(path.name for path in PROJECTS.iterdir() if path.is_dir())


@pytest.mark.parametrize(
    "relpath",
    [
        "requirements.txt",
        "requirements-dev.txt",
        "dev-requirements.txt",
        "requirements/prod.txt",
        "svc/pyproject.toml",
        "setup.cfg",
        "Pipfile",
        "Pipfile.lock",
        "poetry.lock",
        "uv.lock",
        "web/package.json",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "go.mod",
        "Cargo.toml",
        "Cargo.lock",
        "pom.xml",
        "build.gradle",
        "app/build.gradle.kts",
        "gradle/libs.versions.toml",
        "Gemfile",
        "Gemfile.lock",
        "composer.json",
        "composer.lock",
        "src/App/App.csproj",
        "packages.config",
        "mix.exs",
        "mix.lock",
        "pubspec.yaml",
        "pubspec.lock",
    ],
)
def test_manifest_file_names_are_recognised(relpath: str) -> None:
    assert is_manifest(relpath)


@pytest.mark.parametrize(
    "relpath",
    [
        "README.md",
        "go.sum",
        "docs/requirements.md",
        "setup.py",
        "node_modules/express/package.json",
        "libs.versions.toml",
        "package.json.bak",
        "src/requirements_parser.py",
    ],
)
def test_other_files_are_not_manifests(relpath: str) -> None:
    assert not is_manifest(relpath)


def test_results_carry_one_manifest_entry_per_parsed_file_with_its_count() -> None:
    results = parse_project("ruby")

    assert isinstance(results, ManifestResults)
    assert [(m.path, m.ecosystem, m.kind, m.dependencies) for m in results.manifests] == [
        ("Gemfile", "rubygems", "manifest", 11),
        ("Gemfile.lock", "rubygems", "lockfile", 3),
    ]


@pytest.mark.parametrize("project", ECOSYSTEMS)
def test_every_fixture_project_parses_without_warnings(project: str) -> None:
    results = parse_project(project)

    assert results.warnings == []
    assert results.dependencies
    assert all(dep.line is not None for dep in results.dependencies), [
        dep for dep in results.dependencies if dep.line is None
    ]


def test_lock_without_manifest_reports_every_package_as_transitive() -> None:
    results = parse_files(
        {"Cargo.lock": '[[package]]\nname = "libc"\nversion = "0.2.151"\nsource = "registry+x"\n'}
    )

    libc = dependency(results, "libc")
    assert (libc.direct, libc.resolved_version, libc.line, libc.manifest) == (
        False,
        "0.2.151",
        2,
        "Cargo.lock",
    )


def test_unreadable_files_are_skipped_silently() -> None:
    results = parse_manifests(["package.json", "requirements.txt"], lambda relpath: None)

    assert results == ManifestResults([], [], [], [])


def test_bom_and_latin1_files_are_decoded() -> None:
    results = parse_files(
        {
            "package.json": b'\xef\xbb\xbf{"dependencies": {"left-pad": "1.3.0"}}',
            "legacy/packages.config": (
                b'<?xml version="1.0" encoding="windows-1252"?>\n<packages>\n'
                b'<package id="Caf\xe9Lib" version="1.0.0" />\n</packages>\n'
            ),
            "utf16/packages.config": '<?xml version="1.0" encoding="utf-16"?>\n<packages>\n'
            '<package id="Wide" version="2.0.0" />\n</packages>\n'.encode("utf-16"),
        }
    )

    assert results.warnings == []
    assert sorted(d.name for d in results.dependencies) == ["CaféLib", "Wide", "left-pad"]


def _all_fixture_contents() -> list[bytes]:
    contents = [
        path.read_bytes()
        for path in sorted(PROJECTS.rglob("*"))
        if path.is_file() and path.suffix != ".py"
    ]
    return [
        *contents,
        b"",
        b"\x00\xff\xfe\x00",
        b"[]",
        b"null",
        b'{"dependencies": ["a", 1], "packages": [1], "require": "x", "license": {"type": 5}}',
        b"packages: [1, 2]\nimporters: 5\ndependencies: {a: {version: [1]}}\n",
        b"a = 1\n[dependencies]\nx = 5\ny = [1]\n[[package]]\nname = 3\n",
        b"<project><dependencies><dependency/></dependencies></project>",
        b"{ {{ [[ ((",
        b"defp deps do\n [ {:a, only: }, {}, {1} ]\nend\n",
        b'%{"a": {:hex}, "b": {}}',
        b"implementation(\nimplementation group:\nimplementation platform(\n",
        b"-r\n-c\n-e\n--requirement=\n",
    ]


def test_no_content_under_any_manifest_name_escapes_as_an_error() -> None:
    names = [
        "requirements.txt",
        "pyproject.toml",
        "setup.cfg",
        "Pipfile",
        "Pipfile.lock",
        "poetry.lock",
        "uv.lock",
        "package.json",
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "go.mod",
        "Cargo.toml",
        "Cargo.lock",
        "pom.xml",
        "build.gradle",
        "gradle/libs.versions.toml",
        "Gemfile",
        "Gemfile.lock",
        "composer.json",
        "composer.lock",
        "App.csproj",
        "packages.config",
        "mix.exs",
        "mix.lock",
        "pubspec.yaml",
        "pubspec.lock",
    ]
    for content in _all_fixture_contents():
        for name in names:
            results = parse_files({name: content})
            internal = [w for w in results.warnings if "please report" in w.message]
            assert internal == [], (name, content[:80])
