"""Rust: Cargo.toml tables, workspace inheritance, renamed crates and Cargo.lock."""

from __future__ import annotations

from tests.scanner.projects import dependency, names, parse_files, parse_project

MEMBER = "crates/api/Cargo.toml"


def test_dependency_tables_map_to_scopes_with_lines() -> None:
    results = parse_project("cargo")

    axum = dependency(results, "axum", MEMBER)
    assert (axum.version_spec, axum.resolved_version, axum.line) == ("0.7.2", "0.7.2", 8)
    sqlx = dependency(results, "sqlx", MEMBER)
    assert (sqlx.scope, sqlx.version_spec, sqlx.line) == ("optional", "0.7", 11)
    tower = dependency(results, "tower", MEMBER)
    assert (tower.scope, tower.resolved_version, tower.line) == ("dev", "0.4.13", 15)
    assert dependency(results, "prost-build", MEMBER).scope == "build"
    assert dependency(results, "nix", MEMBER).line == 21


def test_workspace_inherited_dependencies_take_the_root_version() -> None:
    results = parse_project("cargo")

    serde = dependency(results, "serde", MEMBER)
    assert (serde.version_spec, serde.resolved_version, serde.line) == ("1.0.193", "1.0.193", 9)
    tokio = dependency(results, "tokio", MEMBER)
    assert (tokio.version_spec, tokio.resolved_version) == ("1.35", "1.35.0")


def test_renamed_dependency_is_reported_by_its_package_name() -> None:
    results = parse_project("cargo")

    serde_json = dependency(results, "serde_json", MEMBER)
    assert (serde_json.version_spec, serde_json.resolved_version, serde_json.line) == (
        "1",
        "1.0.108",
        12,
    )


def test_workspace_lock_lists_only_transitive_registry_crates() -> None:
    results = parse_project("cargo")

    assert names(results, "Cargo.lock") == ["axum-core"]
    assert dependency(results, "axum-core").line == 26


def test_licence_is_inherited_from_the_workspace() -> None:
    results = parse_project("cargo")

    assert [(lic.path, lic.spdx_id) for lic in results.licenses] == [(MEMBER, "MIT OR Apache-2.0")]


def test_dotted_dependency_tables_are_located() -> None:
    results = parse_files(
        {"Cargo.toml": '[package]\nname = "x"\n\n[dependencies.reqwest]\nversion = "0.11"\n'}
    )

    reqwest = dependency(results, "reqwest")
    assert (reqwest.version_spec, reqwest.line) == ("0.11", 4)


def test_broken_cargo_lock_is_a_warning_with_its_line() -> None:
    results = parse_files({"Cargo.lock": '[[package]]\nname = "a"\nversion = 1.0.0\n'})

    (warning,) = results.warnings
    assert (warning.path, warning.line) == ("Cargo.lock", 3)
