"""Elixir/Hex: a Phoenix mix.exs and mix.lock."""

from __future__ import annotations

from tests.scanner.projects import dependency, names, parse_files, parse_project


def test_deps_function_tuples_become_dependencies_with_lines() -> None:
    results = parse_project("hex")

    assert names(results, "mix.exs") == [
        "phoenix",
        "phoenix_ecto",
        "postgrex",
        "phoenix_live_reload",
        "floki",
        "credo",
        "esbuild",
        "jason",
        "heroicons",
    ]
    phoenix = dependency(results, "phoenix", "mix.exs")
    assert (phoenix.version_spec, phoenix.resolved_version, phoenix.line) == (
        "~> 1.7.10",
        "1.7.10",
        24,
    )


def test_only_and_optional_options_set_scope() -> None:
    results = parse_project("hex")

    assert dependency(results, "phoenix_live_reload", "mix.exs").scope == "dev"
    assert dependency(results, "floki", "mix.exs").scope == "test"
    assert dependency(results, "credo", "mix.exs").scope == "dev"
    assert dependency(results, "esbuild", "mix.exs").scope == "runtime"
    assert dependency(results, "jason", "mix.exs").scope == "optional"


def test_git_dependency_is_resolved_to_the_locked_commit() -> None:
    heroicons = dependency(parse_project("hex"), "heroicons", "mix.exs")

    assert heroicons.version_spec == "tailwindlabs/heroicons"
    assert heroicons.resolved_version == "88ab3a0d790e6a47404cba02800a6b25d2afae50"


def test_lock_lists_transitive_packages() -> None:
    results = parse_project("hex")

    castore = dependency(results, "castore")
    assert (castore.manifest, castore.direct, castore.resolved_version, castore.line) == (
        "mix.lock",
        False,
        "1.0.5",
        2,
    )


def test_umbrella_app_uses_the_lock_at_the_umbrella_root() -> None:
    results = parse_files(
        {
            "apps/web/mix.exs": 'defp deps, do: [{:plug, "~> 1.15"}]\n',
            "mix.lock": (
                '%{\n  "plug": {:hex, :plug, "1.15.2", "abc", [:mix], [], "hexpm", "d"},\n}\n'
            ),
        }
    )

    assert dependency(results, "plug", "apps/web/mix.exs").resolved_version == "1.15.2"


def test_unclosed_deps_list_and_odd_lock_entries_are_warnings() -> None:
    results = parse_files(
        {
            "mix.exs": 'defmodule A do\n  defp deps do\n    [\n      {:a, "~> 1.0"}\n',
            "mix.lock": '%{\n  "b": {:path, "../b"},\n}\n',
        }
    )

    assert {(w.path, w.line) for w in results.warnings} == {("mix.exs", 3), ("mix.lock", 2)}
