"""npm: package.json with package-lock v1 and v3, yarn.lock v1 and Berry, pnpm-lock 5, 6 and 9."""

from __future__ import annotations

from tests.scanner.projects import dependency, names, parse_files, parse_project


def test_package_json_sections_map_to_scopes_with_lines() -> None:
    results = parse_project("npm")

    express = dependency(results, "express", "package.json")
    assert (express.version_spec, express.scope, express.line) == ("^4.18.2", "runtime", 12)
    assert dependency(results, "jest", "package.json").scope == "dev"
    assert dependency(results, "fsevents", "package.json").scope == "optional"
    react_peer = dependency(results, "react", "package.json")
    assert (react_peer.scope, react_peer.line) == ("optional", 24)


def test_package_lock_v3_resolves_hoisted_versions_not_nested_ones() -> None:
    results = parse_project("npm")

    assert dependency(results, "debug", "package.json").resolved_version == "4.3.4"
    assert dependency(results, "express", "package.json").resolved_version == "4.18.2"
    nested_debug = dependency(results, "debug", "package-lock.json")
    assert (nested_debug.resolved_version, nested_debug.direct, nested_debug.line) == (
        "2.6.9",
        False,
        50,
    )
    assert names(results, "package-lock.json") == ["accepts", "debug", "ms"]


def test_package_lock_v1_nested_dependencies_are_transitive() -> None:
    results = parse_project("npm")

    assert dependency(results, "request", "legacy-lock/package.json").resolved_version == "2.88.2"
    locked = [d for d in results.dependencies if d.manifest == "legacy-lock/package-lock.json"]
    assert [(d.name, d.resolved_version, d.scope, d.line) for d in locked] == [
        ("debug", "3.2.6", "dev", 20),
        ("uuid", "3.4.0", "runtime", 34),
    ]


def test_yarn_v1_lock_matches_the_exact_range_package_json_asks_for() -> None:
    results = parse_project("npm")

    assert dependency(results, "typescript").resolved_version == "5.3.3"
    assert dependency(results, "react", "yarn-app/package.json").resolved_version == "18.2.0"
    babel = dependency(results, "@babel/runtime")
    assert (babel.resolved_version, babel.line) == ("7.23.6", 6)
    scheduler = dependency(results, "scheduler")
    assert (scheduler.manifest, scheduler.direct, scheduler.line) == (
        "yarn-app/yarn.lock",
        False,
        39,
    )


def test_yarn_berry_lock_is_read_as_yaml_and_skips_the_workspace_itself() -> None:
    results = parse_project("npm")

    assert dependency(results, "vue").resolved_version == "3.3.13"
    assert dependency(results, "vite").resolved_version == "5.0.10"
    assert names(results, "berry-app/yarn.lock") == ["@vue/shared"]


def test_pnpm_v6_lock_strips_peer_suffixes() -> None:
    results = parse_project("npm")

    assert dependency(results, "next").resolved_version == "14.0.4"
    assert dependency(results, "eslint").resolved_version == "8.56.0"
    js_tokens = dependency(results, "js-tokens", "pnpm6-app/pnpm-lock.yaml")
    assert (js_tokens.resolved_version, js_tokens.line) == ("4.0.0", 28)


def test_pnpm_v9_workspace_importers_resolve_member_manifests() -> None:
    results = parse_project("npm")

    fastify = dependency(results, "fastify")
    assert (fastify.manifest, fastify.resolved_version) == (
        "pnpm9-workspace/packages/api/package.json",
        "4.25.1",
    )
    assert dependency(results, "turbo").resolved_version == "1.11.2"
    assert dependency(results, "@acme/shared").resolved_version is None
    assert names(results, "pnpm9-workspace/pnpm-lock.yaml") == ["avvio"]


def test_pnpm_v5_slash_keys_are_read() -> None:
    lock = (
        "lockfileVersion: 5.4\n"
        "specifiers:\n  react: ^17.0.2\n"
        "dependencies:\n  react: 17.0.2\n"
        "packages:\n"
        "  /react/17.0.2:\n    resolution: {integrity: sha512-x}\n    dev: false\n"
        "  /@babel/core/7.22.0_supports-color@5.5.0:\n    dev: true\n"
    )
    results = parse_files(
        {"package.json": '{"dependencies": {"react": "^17.0.2"}}', "pnpm-lock.yaml": lock}
    )

    assert dependency(results, "react").resolved_version == "17.0.2"
    core = dependency(results, "@babel/core")
    assert (core.resolved_version, core.scope, core.line) == ("7.22.0", "dev", 10)


def test_licence_field_becomes_a_manifest_licence() -> None:
    results = parse_project("npm")

    assert {(lic.path, lic.spdx_id) for lic in results.licenses} == {
        ("package.json", "MIT"),
        ("legacy-lock/package.json", "(MIT OR Apache-2.0)"),
    }


def test_installed_packages_under_node_modules_are_not_manifests() -> None:
    results = parse_files(
        {
            "package.json": '{"dependencies": {"a": "1"}}',
            "node_modules/a/package.json": '{"dependencies": {"b": "1"}}',
        }
    )

    assert [m.path for m in results.manifests] == ["package.json"]


def test_broken_package_json_and_yarn_lock_are_warnings_with_lines() -> None:
    results = parse_files(
        {
            "package.json": '{\n  "dependencies": {\n    "a": "1"\n    "b": "2"\n  }\n}\n',
            "yarn.lock": '# yarn lockfile v1\n\nleft-pad@^1.0.0\n  version "1.3.0"\n',
            "web/pnpm-lock.yaml": "lockfileVersion: '9.0'\nimporters:\n  .: [\n",
        }
    )

    assert {(w.path, w.line) for w in results.warnings} == {
        ("package.json", 4),
        ("yarn.lock", 3),
        ("web/pnpm-lock.yaml", 4),
    }
    assert all("its dependencies are not listed" in w.message for w in results.warnings)


def test_unexpected_shapes_are_ignored_rather_than_crashing() -> None:
    results = parse_files(
        {
            "package.json": '{"dependencies": ["express"], "devDependencies": {"jest": 29}}',
            "package-lock.json": '{"lockfileVersion": 3, "packages": []}',
        }
    )

    assert results.warnings == []
    assert [(d.name, d.version_spec) for d in results.dependencies] == [("jest", "29")]


def test_npm_workspace_member_resolves_nested_then_hoisted_versions() -> None:
    lock = """{
  "lockfileVersion": 3,
  "packages": {
    "": {"workspaces": ["packages/web"]},
    "node_modules/web": {"resolved": "packages/web", "link": true},
    "node_modules/zod": {"version": "3.22.4"},
    "node_modules/accepts/node_modules/react": {"version": "16.14.0"},
    "node_modules/react": {"version": "18.2.0"},
    "packages/web": {"name": "web"},
    "packages/web/node_modules/zod": {"version": "3.21.0"}
  }
}"""
    results = parse_files(
        {
            "package-lock.json": lock,
            "packages/web/package.json": '{"dependencies": {"zod": "~3.21", "react": "^18"}}',
        }
    )

    assert dependency(results, "zod", "packages/web/package.json").resolved_version == "3.21.0"
    assert dependency(results, "react", "packages/web/package.json").resolved_version == "18.2.0"
    assert [(d.name, d.resolved_version) for d in results.dependencies if not d.direct] == [
        ("zod", "3.22.4"),
        ("react", "16.14.0"),
    ]
