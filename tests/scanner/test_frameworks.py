"""Frameworks and tools inferred from dependencies and files, each with its evidence."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.agents.scanner.frameworks import detect_frameworks, wants_content
from app.models.scan import Dependency, Ecosystem, Framework


def dep(
    name: str, ecosystem: Ecosystem, manifest: str, line: int, direct: bool = True
) -> Dependency:
    return Dependency(name=name, ecosystem=ecosystem, manifest=manifest, line=line, direct=direct)


def reader(files: dict[str, str]) -> Callable[[str], bytes | None]:
    def read(relpath: str) -> bytes | None:
        text = files.get(relpath)
        return None if text is None else text.encode()

    return read


def by_name(frameworks: Sequence[Framework]) -> dict[str, Framework]:
    return {framework.name: framework for framework in frameworks}


PYPROJECT = """\
[project]
name = "shop"
dependencies = ["fastapi>=0.110", "SQLAlchemy[asyncio]>=2"]

[tool.ruff]
line-length = 100

[tool.ruff.lint]
select = ["E", "F"]

[tool.mypy]
strict = true

[tool.pytest.ini_options]
asyncio_mode = "auto"
"""


def test_a_fastapi_service_shows_its_framework_orm_and_tools_with_lines() -> None:
    dependencies = [
        dep("fastapi", "pypi", "pyproject.toml", 3),
        dep("SQLAlchemy", "pypi", "pyproject.toml", 3),
        dep("pytest-asyncio", "pypi", "requirements-dev.txt", 2),
        dep("starlette", "pypi", "uv.lock", 40, direct=False),
    ]
    relpaths = ["pyproject.toml", "requirements-dev.txt", "tests/conftest.py", "app/main.py"]

    found = by_name(
        detect_frameworks(relpaths, dependencies, reader({"pyproject.toml": PYPROJECT}))
    )

    assert found["FastAPI"].category == "web"
    assert found["FastAPI"].evidence[0].path == "pyproject.toml"
    assert found["FastAPI"].evidence[0].line == 3
    assert found["SQLAlchemy"].category == "orm"
    assert [(e.path, e.line) for e in found["Ruff"].evidence] == [("pyproject.toml", 5)]
    assert found["Ruff"].evidence[0].detail == "[tool.ruff] in pyproject.toml"
    assert found["mypy"].category == "typecheck"
    pytest_evidence = {(e.path, e.line) for e in found["pytest"].evidence}
    assert pytest_evidence == {
        ("requirements-dev.txt", 2),
        ("pyproject.toml", 14),
        ("tests/conftest.py", None),
    }
    assert "Starlette" not in found, "a lock file's transitive packages are not the project's"


def test_django_is_recognised_from_manage_py_only_when_it_runs_django() -> None:
    django_manage = 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n'
    flask_manage = "from flask_script import Manager\n"

    django = detect_frameworks(["manage.py"], [], reader({"manage.py": django_manage}))
    flask = detect_frameworks(["manage.py"], [], reader({"manage.py": flask_manage}))

    assert [f.name for f in django] == ["Django"]
    assert flask == []


def test_a_next_js_app_with_jest_eslint_and_prettier() -> None:
    dependencies = [
        dep("next", "npm", "web/package.json", 12),
        dep("react", "npm", "web/package.json", 13),
        dep("@typescript-eslint/parser", "npm", "web/package.json", 20),
        dep("ts-jest", "npm", "web/package.json", 21),
        dep("typescript", "npm", "web/package.json", 22),
    ]
    relpaths = [
        "web/next.config.mjs", "web/.eslintrc.json", "web/.prettierrc", "web/jest.config.ts",
        "web/tsconfig.json", "web/package.json",
    ]  # fmt: skip

    found = by_name(detect_frameworks(relpaths, dependencies, reader({})))

    assert found["Next.js"].category == "frontend"
    assert {e.path for e in found["Next.js"].evidence} == {
        "web/package.json",
        "web/next.config.mjs",
    }
    assert found["React"].category == "frontend"
    assert found["ESLint"].category == "lint"
    assert found["Prettier"].category == "format"
    assert found["Jest"].category == "test"
    assert found["TypeScript"].category == "typecheck"


def test_go_modules_with_a_major_version_suffix_and_go_tests() -> None:
    dependencies = [
        dep("github.com/labstack/echo/v4", "go", "go.mod", 5),
        dep("github.com/gin-gonic/gin", "go", "go.mod", 6),
        dep("gorm.io/gorm", "go", "go.mod", 7),
    ]
    relpaths = ["go.mod", "main.go", "api/handler_test.go", "db/store_test.go", ".golangci.yml"]

    found = by_name(detect_frameworks(relpaths, dependencies, reader({})))

    assert found["Echo"].evidence[0].detail == "depends on github.com/labstack/echo/v4"
    assert "Gin" in found
    assert found["GORM"].category == "orm"
    assert found["go test"].evidence[0].path == "api/handler_test.go"
    assert found["go test"].evidence[0].detail == "2 Go test files"
    assert found["golangci-lint"].category == "lint"


def test_jvm_ruby_php_dotnet_elixir_dart_and_rust_projects() -> None:
    dependencies = [
        dep("org.springframework.boot:spring-boot-starter-web", "maven", "pom.xml", 30),
        dep("org.junit.jupiter:junit-jupiter", "gradle", "app/build.gradle.kts", 12),
        dep("io.quarkus:quarkus-resteasy", "maven", "svc/pom.xml", 20),
        dep("rails", "rubygems", "Gemfile", 3),
        dep("rspec-rails", "rubygems", "Gemfile", 9),
        dep("laravel/framework", "composer", "composer.json", 8),
        dep("phpunit/phpunit", "composer", "composer.json", 14),
        dep("Microsoft.AspNetCore.OpenApi", "nuget", "src/Api/Api.csproj", 9),
        dep("xunit", "nuget", "tests/Api.Tests/Api.Tests.csproj", 11),
        dep("phoenix", "hex", "mix.exs", 40),
        dep("flutter", "pub", "app/pubspec.yaml", 10),
        dep("axum", "cargo", "Cargo.toml", 8),
        dep("tokio", "cargo", "Cargo.toml", 9),
    ]
    relpaths = [
        "config/routes.rb",
        ".rubocop.yml",
        "artisan",
        "phpunit.xml",
        "test/test_helper.exs",
    ]

    found = by_name(detect_frameworks(relpaths, dependencies, reader({})))

    expected = {
        "Spring Boot": "web", "JUnit": "test", "Quarkus": "web", "Rails": "web",
        "RSpec": "test", "RuboCop": "lint", "Laravel": "web", "PHPUnit": "test",
        "ASP.NET Core": "web", "xUnit": "test", "Phoenix": "web", "ExUnit": "test",
        "Flutter": "mobile", "axum": "web", "Tokio": "other",
    }  # fmt: skip
    assert {name: found[name].category for name in expected} == expected
    assert {e.path for e in found["Rails"].evidence} == {"Gemfile", "config/routes.rb"}
    assert {e.path for e in found["Laravel"].evidence} == {"composer.json", "artisan"}


def test_a_web_sdk_csproj_is_asp_net_core() -> None:
    csproj = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup/>\n</Project>\n'

    found = detect_frameworks(["src/Api/Api.csproj"], [], reader({"src/Api/Api.csproj": csproj}))

    assert [(f.name, f.evidence[0].detail) for f in found] == [
        ("ASP.NET Core", "uses Microsoft.NET.Sdk.Web")
    ]


def test_setup_cfg_and_tox_ini_sections_count_as_configuration() -> None:
    setup_cfg = "[metadata]\nname = x\n\n[flake8]\nmax-line-length = 100\n\n[tool:pytest]\n"
    tox_ini = "[tox]\nenvlist = py311\n\n[testenv]\ncommands = pytest\n"

    found = by_name(
        detect_frameworks(
            ["setup.cfg", "tox.ini"], [], reader({"setup.cfg": setup_cfg, "tox.ini": tox_ini})
        )
    )

    assert [(e.path, e.line) for e in found["flake8"].evidence] == [("setup.cfg", 4)]
    assert [(e.path, e.line) for e in found["pytest"].evidence] == [("setup.cfg", 7)]
    assert found["tox"].evidence[0].path == "tox.ini"


def test_evidence_is_capped_in_a_monorepo() -> None:
    dependencies = [dep("react", "npm", f"packages/p{i}/package.json", 5) for i in range(50)]

    found = by_name(detect_frameworks([], dependencies, reader({})))

    assert len(found["React"].evidence) == 10


def test_unreadable_or_binary_content_is_ignored() -> None:
    found = detect_frameworks(
        ["pyproject.toml", "manage.py"], [], lambda relpath: None
    ) + detect_frameworks(["pyproject.toml"], [], lambda relpath: b"\xff\xfe[tool.ruff\x00")

    assert found == []


def test_only_a_few_files_are_read() -> None:
    assert wants_content("pyproject.toml")
    assert wants_content("backend/manage.py")
    assert wants_content("src/Api/Api.csproj")
    assert not wants_content("package.json")
    assert not wants_content("src/app.py")
