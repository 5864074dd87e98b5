"""Dart/Flutter: pubspec.yaml and pubspec.lock."""

from __future__ import annotations

from tests.scanner.projects import dependency, names, parse_files, parse_project


def test_hosted_sdk_git_and_bare_dependencies() -> None:
    results = parse_project("pub")

    provider = dependency(results, "provider", "pubspec.yaml")
    assert (provider.version_spec, provider.resolved_version, provider.line) == (
        "^6.1.1",
        "6.1.1",
        12,
    )
    assert dependency(results, "flutter", "pubspec.yaml").version_spec is None
    assert dependency(results, "collection", "pubspec.yaml").version_spec is None
    git = dependency(results, "markdown_widget", "pubspec.yaml")
    assert (git.version_spec, git.line) == ("https://github.com/asjqkkkk/markdown_widget.git", 16)


def test_dev_dependencies_are_dev_scope() -> None:
    results = parse_project("pub")

    lints = dependency(results, "flutter_lints", "pubspec.yaml")
    assert (lints.scope, lints.resolved_version, lints.line) == ("dev", "3.0.1", 24)


def test_lock_keeps_only_transitive_packages() -> None:
    results = parse_project("pub")

    assert names(results, "pubspec.lock") == ["async"]
    assert dependency(results, "async").line == 4


def test_unquoted_versions_stay_strings() -> None:
    results = parse_files({"pubspec.yaml": "name: a\ndependencies:\n  intl: 0.10\n"})

    assert dependency(results, "intl").version_spec == "0.10"


def test_broken_pubspec_is_a_warning_with_its_line() -> None:
    results = parse_files({"pubspec.yaml": "name: a\ndependencies:\n  http: ^1.0\n bad: [\n"})

    (warning,) = results.warnings
    assert warning.path == "pubspec.yaml" and warning.line is not None
    assert "not valid YAML" in warning.message
