"""PHP Composer: a Laravel composer.json and composer.lock."""

from __future__ import annotations

from tests.scanner.projects import dependency, names, parse_files, parse_project


def test_require_and_require_dev_without_platform_packages() -> None:
    results = parse_project("composer")

    assert names(results, "composer.json") == [
        "guzzlehttp/guzzle",
        "laravel/framework",
        "laravel/sanctum",
        "fakerphp/faker",
        "phpunit/phpunit",
    ]
    framework = dependency(results, "laravel/framework", "composer.json")
    assert (framework.version_spec, framework.resolved_version, framework.line) == (
        "^10.10",
        "v10.38.2",
        11,
    )
    phpunit = dependency(results, "phpunit/phpunit", "composer.json")
    assert (phpunit.scope, phpunit.resolved_version) == ("dev", "10.5.3")


def test_lock_keeps_transitive_packages_with_the_line_of_their_name() -> None:
    results = parse_project("composer")

    console = dependency(results, "symfony/console")
    assert (console.manifest, console.direct, console.resolved_version, console.line) == (
        "composer.lock",
        False,
        "v6.4.1",
        29,
    )


def test_licence_string_or_list_becomes_manifest_licences() -> None:
    results = parse_files({"composer.json": '{"license": ["MIT", "GPL-3.0-or-later"]}'})

    assert [lic.spdx_id for lic in results.licenses] == ["MIT", "GPL-3.0-or-later"]
    assert [lic.spdx_id for lic in parse_project("composer").licenses] == ["MIT"]


def test_broken_composer_lock_is_a_warning_with_its_line() -> None:
    results = parse_files({"composer.lock": '{\n  "packages": [\n    {"name": "a/b",}\n  ]\n}\n'})

    assert [(w.path, w.line) for w in results.warnings] == [("composer.lock", 3)]
