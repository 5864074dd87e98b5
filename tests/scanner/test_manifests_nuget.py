"""NuGet: SDK-style project files, central package management and packages.config."""

from __future__ import annotations

from tests.scanner.projects import dependency, parse_files, parse_project

WEB = "src/Shop.Web/Shop.Web.csproj"
TESTS = "tests/Shop.Tests/Shop.Tests.csproj"


def test_package_references_with_versions_and_lines() -> None:
    results = parse_project("nuget")

    ef = dependency(results, "Microsoft.EntityFrameworkCore.SqlServer")
    assert (ef.version_spec, ef.scope, ef.line, ef.manifest) == ("8.0.0", "runtime", 10, WEB)
    analyzers = dependency(results, "StyleCop.Analyzers")
    assert (analyzers.version_spec, analyzers.scope) == ("1.2.0-beta.507", "dev")


def test_central_package_versions_fill_references_without_version() -> None:
    results = parse_project("nuget")

    assert dependency(results, "Serilog.AspNetCore").version_spec == "8.0.0"
    assert dependency(results, "xunit", TESTS).version_spec == "2.6.3"


def test_test_projects_put_their_packages_in_test_scope() -> None:
    results = parse_project("nuget")

    assert {d.scope for d in results.dependencies if d.manifest == TESTS} == {"test"}


def test_packages_config_pins_exact_versions() -> None:
    results = parse_project("nuget")

    newtonsoft = dependency(results, "Newtonsoft.Json")
    assert (newtonsoft.version_spec, newtonsoft.resolved_version, newtonsoft.line) == (
        "13.0.3",
        "13.0.3",
        3,
    )
    compiler = dependency(results, "Microsoft.CodeDom.Providers.DotNetCompilerPlatform")
    assert compiler.scope == "dev"


def test_licence_expression_is_read() -> None:
    results = parse_project("nuget")

    assert [(lic.path, lic.spdx_id) for lic in results.licenses] == [(WEB, "MIT")]


def test_broken_project_file_is_a_warning_with_its_line() -> None:
    results = parse_files(
        {"App.csproj": '<Project>\n  <ItemGroup>\n    <PackageReference Include="A" Version="1">\n'}
    )

    (warning,) = results.warnings
    assert (warning.path, warning.line) == ("App.csproj", 4)


def test_packages_lock_resolves_references_and_keeps_transitive_packages() -> None:
    results = parse_project("nuget")

    assert dependency(results, "Serilog.AspNetCore").resolved_version == "8.0.0"
    sql = dependency(results, "Microsoft.Data.SqlClient")
    assert (sql.manifest, sql.direct, sql.resolved_version, sql.line) == (
        "src/Shop.Web/packages.lock.json",
        False,
        "5.1.1",
        19,
    )
    assert dependency(results, "Swashbuckle.AspNetCore").resolved_version is None
