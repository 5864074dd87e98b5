"""Frameworks and tools a project uses, inferred from its direct dependencies and from the
files those tools leave behind (``manage.py``, ``next.config.js``, ``.golangci.yml``,
``[tool.ruff]`` in ``pyproject.toml``), each with the file that said so."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal, get_args

from app.models.scan import Dependency, Evidence, Framework

__all__ = ["detect_frameworks", "wants_content"]

Category = Literal[
    "web", "frontend", "mobile", "test", "lint", "format", "typecheck", "build", "orm", "other"
]
_Rule = tuple[str, Category]
# A monorepo with hundreds of package.json files would otherwise list each one.
_MAX_EVIDENCE = 10

_WEB: Category = "web"
_FRONT: Category = "frontend"
_TEST: Category = "test"
_LINT: Category = "lint"
_FORMAT: Category = "format"
_TYPES: Category = "typecheck"
_BUILD: Category = "build"
_ORM: Category = "orm"
_MOBILE: Category = "mobile"
_OTHER: Category = "other"

# Dependencies by ecosystem family and normalised name (PyPI: lower case, runs of -_. as -).
_BY_DEPENDENCY: dict[str, dict[str, _Rule]] = {
    "pypi": {
        "flask": ("Flask", _WEB), "django": ("Django", _WEB), "fastapi": ("FastAPI", _WEB),
        "starlette": ("Starlette", _WEB), "aiohttp": ("aiohttp", _WEB),
        "tornado": ("Tornado", _WEB), "pyramid": ("Pyramid", _WEB), "sanic": ("Sanic", _WEB),
        "falcon": ("Falcon", _WEB), "bottle": ("Bottle", _WEB), "quart": ("Quart", _WEB),
        "litestar": ("Litestar", _WEB), "djangorestframework": ("Django", _WEB),
        "sqlalchemy": ("SQLAlchemy", _ORM), "peewee": ("Peewee", _ORM),
        "tortoise-orm": ("Tortoise ORM", _ORM), "sqlmodel": ("SQLModel", _ORM),
        "pytest": ("pytest", _TEST), "hypothesis": ("Hypothesis", _TEST),
        "nose2": ("nose2", _TEST), "tox": ("tox", _TEST), "nox": ("nox", _TEST),
        "ruff": ("Ruff", _LINT), "flake8": ("flake8", _LINT), "pylint": ("Pylint", _LINT),
        "black": ("Black", _FORMAT), "isort": ("isort", _FORMAT), "yapf": ("YAPF", _FORMAT),
        "mypy": ("mypy", _TYPES), "pyright": ("Pyright", _TYPES), "pytype": ("pytype", _TYPES),
        "celery": ("Celery", _OTHER), "streamlit": ("Streamlit", _WEB),
        "gradio": ("Gradio", _WEB), "pre-commit": ("pre-commit", _LINT),
    },
    "npm": {
        "express": ("Express", _WEB), "koa": ("Koa", _WEB), "fastify": ("Fastify", _WEB),
        "@nestjs/core": ("NestJS", _WEB), "@hapi/hapi": ("hapi", _WEB), "hono": ("Hono", _WEB),
        "react": ("React", _FRONT), "vue": ("Vue", _FRONT), "@angular/core": ("Angular", _FRONT),
        "svelte": ("Svelte", _FRONT), "@sveltejs/kit": ("SvelteKit", _FRONT),
        "next": ("Next.js", _FRONT), "nuxt": ("Nuxt", _FRONT), "astro": ("Astro", _FRONT),
        "solid-js": ("Solid", _FRONT), "preact": ("Preact", _FRONT), "lit": ("Lit", _FRONT),
        "ember-source": ("Ember", _FRONT), "@remix-run/react": ("Remix", _FRONT),
        "react-native": ("React Native", _MOBILE), "expo": ("Expo", _MOBILE),
        "@ionic/core": ("Ionic", _MOBILE), "electron": ("Electron", _OTHER),
        "vite": ("Vite", _BUILD), "webpack": ("webpack", _BUILD), "rollup": ("Rollup", _BUILD),
        "esbuild": ("esbuild", _BUILD), "parcel": ("Parcel", _BUILD),
        "turbo": ("Turborepo", _BUILD),
        "nx": ("Nx", _BUILD), "jest": ("Jest", _TEST), "vitest": ("Vitest", _TEST),
        "mocha": ("Mocha", _TEST), "jasmine": ("Jasmine", _TEST), "karma": ("Karma", _TEST),
        "ava": ("AVA", _TEST), "@playwright/test": ("Playwright", _TEST),
        "playwright": ("Playwright", _TEST), "cypress": ("Cypress", _TEST),
        "ts-jest": ("Jest", _TEST), "eslint": ("ESLint", _LINT), "@biomejs/biome": ("Biome", _LINT),
        "stylelint": ("Stylelint", _LINT), "prettier": ("Prettier", _FORMAT),
        "typescript": ("TypeScript", _TYPES), "prisma": ("Prisma", _ORM),
        "@prisma/client": ("Prisma", _ORM), "typeorm": ("TypeORM", _ORM),
        "sequelize": ("Sequelize", _ORM), "mongoose": ("Mongoose", _ORM),
        "drizzle-orm": ("Drizzle", _ORM), "knex": ("Knex", _ORM),
    },
    "go": {
        "github.com/gin-gonic/gin": ("Gin", _WEB), "github.com/labstack/echo": ("Echo", _WEB),
        "github.com/gofiber/fiber": ("Fiber", _WEB), "github.com/go-chi/chi": ("chi", _WEB),
        "github.com/gorilla/mux": ("gorilla/mux", _WEB), "github.com/beego/beego": ("Beego", _WEB),
        "gorm.io/gorm": ("GORM", _ORM), "entgo.io/ent": ("ent", _ORM),
        "github.com/stretchr/testify": ("testify", _TEST),
        "github.com/onsi/ginkgo": ("Ginkgo", _TEST),
    },
    "cargo": {
        "actix-web": ("actix-web", _WEB), "axum": ("axum", _WEB), "rocket": ("Rocket", _WEB),
        "warp": ("warp", _WEB), "tokio": ("Tokio", _OTHER), "diesel": ("Diesel", _ORM),
        "sqlx": ("SQLx", _ORM), "sea-orm": ("SeaORM", _ORM), "tauri": ("Tauri", _OTHER),
    },
    "jvm": {
        "junit:junit": ("JUnit", _TEST), "org.testng:testng": ("TestNG", _TEST),
        "org.springframework:spring-webmvc": ("Spring", _WEB),
        "org.hibernate:hibernate-core": ("Hibernate", _ORM),
        "org.hibernate.orm:hibernate-core": ("Hibernate", _ORM),
    },
    "rubygems": {
        "rails": ("Rails", _WEB), "railties": ("Rails", _WEB), "sinatra": ("Sinatra", _WEB),
        "hanami": ("Hanami", _WEB), "rspec": ("RSpec", _TEST), "rspec-rails": ("RSpec", _TEST),
        "minitest": ("Minitest", _TEST), "rubocop": ("RuboCop", _LINT),
        "activerecord": ("Active Record", _ORM), "sequel": ("Sequel", _ORM),
    },
    "composer": {
        "laravel/framework": ("Laravel", _WEB), "symfony/framework-bundle": ("Symfony", _WEB),
        "slim/slim": ("Slim", _WEB), "cakephp/cakephp": ("CakePHP", _WEB),
        "phpunit/phpunit": ("PHPUnit", _TEST), "pestphp/pest": ("Pest", _TEST),
        "phpstan/phpstan": ("PHPStan", _TYPES), "vimeo/psalm": ("Psalm", _TYPES),
        "friendsofphp/php-cs-fixer": ("PHP CS Fixer", _FORMAT),
        "doctrine/orm": ("Doctrine", _ORM),
    },
    "nuget": {
        "xunit": ("xUnit", _TEST), "nunit": ("NUnit", _TEST), "mstest.testframework": (
            "MSTest", _TEST), "microsoft.entityframeworkcore": ("Entity Framework Core", _ORM),
    },
    "hex": {
        "phoenix": ("Phoenix", _WEB), "plug_cowboy": ("Plug", _WEB), "ecto": ("Ecto", _ORM),
        "ecto_sql": ("Ecto", _ORM), "credo": ("Credo", _LINT), "dialyxir": ("Dialyzer", _TYPES),
    },
    "pub": {
        "flutter": ("Flutter", _MOBILE), "flutter_test": ("Flutter", _MOBILE),
        "test": ("package:test", _TEST),
    },
}  # fmt: skip
_BY_DEPENDENCY["gradle"] = _BY_DEPENDENCY["maven"] = _BY_DEPENDENCY["jvm"]

# Families of packages that all imply one framework (plugins, starters, sub-packages).
_BY_PREFIX: dict[str, tuple[tuple[str, _Rule], ...]] = {
    "pypi": (
        ("pytest-", ("pytest", _TEST)), ("flake8-", ("flake8", _LINT)),
        ("django-", ("Django", _WEB)), ("flask-", ("Flask", _WEB)),
    ),
    "npm": (
        ("@nestjs/", ("NestJS", _WEB)), ("@angular/", ("Angular", _FRONT)),
        ("@remix-run/", ("Remix", _FRONT)), ("eslint-plugin-", ("ESLint", _LINT)),
        ("eslint-config-", ("ESLint", _LINT)), ("@typescript-eslint/", ("ESLint", _LINT)),
        ("@vue/", ("Vue", _FRONT)),
    ),
    "jvm": (
        ("org.springframework.boot:", ("Spring Boot", _WEB)),
        ("io.quarkus:", ("Quarkus", _WEB)), ("io.micronaut", ("Micronaut", _WEB)),
        ("io.ktor:", ("Ktor", _WEB)), ("org.junit.jupiter:", ("JUnit", _TEST)),
        ("io.vertx:", ("Vert.x", _WEB)),
    ),
    "nuget": (
        ("microsoft.aspnetcore.", ("ASP.NET Core", _WEB)), ("xunit.", ("xUnit", _TEST)),
        ("nunit", ("NUnit", _TEST)), ("microsoft.entityframeworkcore.", (
            "Entity Framework Core", _ORM)),
    ),
}  # fmt: skip
_BY_PREFIX["gradle"] = _BY_PREFIX["maven"] = _BY_PREFIX["jvm"]

# Files that name a tool by themselves, by basename.
_BY_BASENAME: dict[str, _Rule] = {
    "next.config.js": ("Next.js", _FRONT), "next.config.mjs": ("Next.js", _FRONT),
    "next.config.ts": ("Next.js", _FRONT), "nuxt.config.ts": ("Nuxt", _FRONT),
    "nuxt.config.js": ("Nuxt", _FRONT), "angular.json": ("Angular", _FRONT),
    "svelte.config.js": ("Svelte", _FRONT), "astro.config.mjs": ("Astro", _FRONT),
    "vite.config.js": ("Vite", _BUILD), "vite.config.ts": ("Vite", _BUILD),
    "vite.config.mjs": ("Vite", _BUILD), "webpack.config.js": ("webpack", _BUILD),
    "webpack.config.ts": ("webpack", _BUILD), "rollup.config.js": ("Rollup", _BUILD),
    "rollup.config.mjs": ("Rollup", _BUILD), "turbo.json": ("Turborepo", _BUILD),
    "nx.json": ("Nx", _BUILD), "tsconfig.json": ("TypeScript", _TYPES),
    "jest.config.js": ("Jest", _TEST), "jest.config.ts": ("Jest", _TEST),
    "jest.config.mjs": ("Jest", _TEST), "jest.config.cjs": ("Jest", _TEST),
    "jest.config.json": ("Jest", _TEST), "vitest.config.ts": ("Vitest", _TEST),
    "vitest.config.js": ("Vitest", _TEST), "vitest.config.mts": ("Vitest", _TEST),
    "playwright.config.ts": ("Playwright", _TEST), "playwright.config.js": ("Playwright", _TEST),
    "cypress.config.ts": ("Cypress", _TEST), "cypress.config.js": ("Cypress", _TEST),
    "cypress.json": ("Cypress", _TEST), ".mocharc.yml": ("Mocha", _TEST),
    ".mocharc.json": ("Mocha", _TEST), ".mocharc.js": ("Mocha", _TEST),
    "karma.conf.js": ("Karma", _TEST), ".eslintrc": ("ESLint", _LINT),
    ".eslintrc.js": ("ESLint", _LINT), ".eslintrc.cjs": ("ESLint", _LINT),
    ".eslintrc.json": ("ESLint", _LINT), ".eslintrc.yml": ("ESLint", _LINT),
    ".eslintrc.yaml": ("ESLint", _LINT), "eslint.config.js": ("ESLint", _LINT),
    "eslint.config.mjs": ("ESLint", _LINT), "eslint.config.cjs": ("ESLint", _LINT),
    "eslint.config.ts": ("ESLint", _LINT), "biome.json": ("Biome", _LINT),
    "biome.jsonc": ("Biome", _LINT), ".stylelintrc.json": ("Stylelint", _LINT),
    ".prettierrc": ("Prettier", _FORMAT), ".prettierrc.json": ("Prettier", _FORMAT),
    ".prettierrc.js": ("Prettier", _FORMAT), ".prettierrc.cjs": ("Prettier", _FORMAT),
    ".prettierrc.yml": ("Prettier", _FORMAT), ".prettierrc.yaml": ("Prettier", _FORMAT),
    "prettier.config.js": ("Prettier", _FORMAT), "prettier.config.mjs": ("Prettier", _FORMAT),
    "ruff.toml": ("Ruff", _LINT), ".ruff.toml": ("Ruff", _LINT),
    "pytest.ini": ("pytest", _TEST), "conftest.py": ("pytest", _TEST),
    "tox.ini": ("tox", _TEST), "noxfile.py": ("nox", _TEST), ".flake8": ("flake8", _LINT),
    ".pylintrc": ("Pylint", _LINT), "pylintrc": ("Pylint", _LINT),
    "mypy.ini": ("mypy", _TYPES), ".mypy.ini": ("mypy", _TYPES),
    "pyrightconfig.json": ("Pyright", _TYPES), ".isort.cfg": ("isort", _FORMAT),
    ".pre-commit-config.yaml": ("pre-commit", _LINT),
    ".golangci.yml": ("golangci-lint", _LINT), ".golangci.yaml": ("golangci-lint", _LINT),
    ".golangci.toml": ("golangci-lint", _LINT), ".golangci.json": ("golangci-lint", _LINT),
    "pom.xml": ("Maven", _BUILD), "mvnw": ("Maven", _BUILD), "build.gradle": ("Gradle", _BUILD),
    "build.gradle.kts": ("Gradle", _BUILD), "gradlew": ("Gradle", _BUILD),
    ".rspec": ("RSpec", _TEST), ".rubocop.yml": ("RuboCop", _LINT),
    "artisan": ("Laravel", _WEB), "symfony.lock": ("Symfony", _WEB),
    "phpunit.xml": ("PHPUnit", _TEST), "phpunit.xml.dist": ("PHPUnit", _TEST),
    "phpstan.neon": ("PHPStan", _TYPES), "phpstan.neon.dist": ("PHPStan", _TYPES),
    ".php-cs-fixer.php": ("PHP CS Fixer", _FORMAT),
    ".php-cs-fixer.dist.php": ("PHP CS Fixer", _FORMAT), "test_helper.exs": ("ExUnit", _TEST),
    ".credo.exs": ("Credo", _LINT), ".formatter.exs": ("mix format", _FORMAT),
    "clippy.toml": ("Clippy", _LINT), ".clippy.toml": ("Clippy", _LINT),
    "rustfmt.toml": ("rustfmt", _FORMAT), ".rustfmt.toml": ("rustfmt", _FORMAT),
    "analysis_options.yaml": ("Dart analyzer", _LINT),
}  # fmt: skip
# Files that say so only in a particular folder: config/routes.rb is Rails, routes.rb is not.
_BY_PARENT_AND_NAME: dict[tuple[str, str], _Rule] = {
    ("config", "routes.rb"): ("Rails", _WEB),
    ("bin", "rails"): ("Rails", _WEB),
    ("bin", "console"): ("Symfony", _WEB),
}
# Sections of pyproject.toml, setup.cfg and tox.ini that configure a tool.
_SECTIONS: dict[str, _Rule] = {
    "tool.ruff": ("Ruff", _LINT), "tool.black": ("Black", _FORMAT),
    "tool.isort": ("isort", _FORMAT), "tool.mypy": ("mypy", _TYPES),
    "tool.pyright": ("Pyright", _TYPES), "tool.pylint": ("Pylint", _LINT),
    "tool.pytest.ini_options": ("pytest", _TEST), "tool.tox": ("tox", _TEST),
    "tool.poetry": ("Poetry", _BUILD), "tool.hatch": ("Hatch", _BUILD),
    "tool.pdm": ("PDM", _BUILD), "tool.flake8": ("flake8", _LINT),
    "flake8": ("flake8", _LINT), "mypy": ("mypy", _TYPES), "tool:pytest": ("pytest", _TEST),
    "pytest": ("pytest", _TEST), "isort": ("isort", _FORMAT), "pylint": ("Pylint", _LINT),
}  # fmt: skip
_SECTION_FILES = {"pyproject.toml", "setup.cfg", "tox.ini"}
_SECTION = re.compile(r"^\[([A-Za-z0-9_.:\-]+)")
_PYPI_SEPARATORS = re.compile(r"[-_.]+")
_GO_MAJOR = re.compile(r"/v\d+$")
_WEB_SDK = b'Sdk="Microsoft.NET.Sdk.Web"'


def wants_content(relpath: str) -> bool:
    """Files whose text detect_frameworks reads: tool sections, Django's manage.py, .NET web
    projects."""
    name = relpath.rpartition("/")[2]
    return name in _SECTION_FILES or name == "manage.py" or name.endswith(".csproj")


class _Found:
    """Frameworks by name, in the order first seen, with their evidence."""

    def __init__(self) -> None:
        self.frameworks: dict[str, Framework] = {}

    def add(self, rule: _Rule, path: str, line: int | None, detail: str) -> None:
        name, category = rule
        framework = self.frameworks.get(name)
        if framework is None:
            framework = self.frameworks[name] = Framework(name=name, category=category)
        if len(framework.evidence) < _MAX_EVIDENCE:
            evidence = Evidence(path=path, line=line, detail=detail)
            if evidence not in framework.evidence:
                framework.evidence.append(evidence)


def detect_frameworks(
    relpaths: Sequence[str],
    dependencies: Sequence[Dependency],
    read: Callable[[str], bytes | None],
) -> list[Framework]:
    """Frameworks by category, then name. Only direct dependencies count: what a lock file
    pulls in transitively (Starlette under FastAPI) is not the project's choice."""
    found = _Found()
    for dependency in dependencies:
        if dependency.direct:
            _from_dependency(found, dependency)
    go_tests: list[str] = []
    for relpath in relpaths:
        parent, _, name = relpath.rpartition("/")
        if not _may_say(name):
            continue
        rule = _BY_BASENAME.get(name)
        if rule is not None:
            found.add(rule, relpath, None, f"{name} is present")
        rule = _BY_PARENT_AND_NAME.get((parent.rpartition("/")[2], name))
        if rule is not None:
            found.add(rule, relpath, None, f"{parent.rpartition('/')[2]}/{name} is present")
        if name.endswith("_test.go"):
            go_tests.append(relpath)
        elif wants_content(relpath):
            _from_content(found, relpath, name, read)
    if go_tests:
        found.add(("go test", _TEST), min(go_tests), None, f"{len(go_tests)} Go test files")
    order = {category: index for index, category in enumerate(get_args(Category))}
    return sorted(found.frameworks.values(), key=lambda f: (order[f.category], f.name.lower()))


# Names any rule below looks at; the loop over every file of the tree skips the rest by a cached
# answer per name (index.js and __init__.py recur thousands of times).
_PARENT_RULE_NAMES = frozenset(name for _, name in _BY_PARENT_AND_NAME)


@lru_cache(maxsize=65536)
def _may_say(name: str) -> bool:
    return (
        name in _BY_BASENAME
        or name in _PARENT_RULE_NAMES
        or name.endswith("_test.go")
        or wants_content(name)
    )


def _from_dependency(found: _Found, dependency: Dependency) -> None:
    rule = _rule_for_dependency(dependency.ecosystem, dependency.name)
    if rule is not None:
        detail = f"depends on {dependency.name}"
        found.add(rule, dependency.manifest, dependency.line, detail)


# The same names recur in every manifest of a monorepo (and of each copy of one).
@lru_cache(maxsize=65536)
def _rule_for_dependency(ecosystem: str, name: str) -> _Rule | None:
    name = name.lower()
    if ecosystem == "pypi":
        name = _PYPI_SEPARATORS.sub("-", name)
    elif ecosystem == "go":
        name = _GO_MAJOR.sub("", name)
    rule = _BY_DEPENDENCY.get(ecosystem, {}).get(name)
    if rule is None:
        rule = next((r for p, r in _BY_PREFIX.get(ecosystem, ()) if name.startswith(p)), None)
    return rule


def _from_content(
    found: _Found, relpath: str, name: str, read: Callable[[str], bytes | None]
) -> None:
    data = read(relpath)
    if not data:
        return
    if name == "manage.py":
        if b"django" in data.lower():
            found.add(("Django", _WEB), relpath, None, "manage.py runs Django")
        return
    if name.endswith(".csproj"):
        if _WEB_SDK in data:
            found.add(("ASP.NET Core", _WEB), relpath, None, "uses Microsoft.NET.Sdk.Web")
        return
    text = data.decode("utf-8", errors="replace")
    seen: set[str] = set()  # [tool.ruff] and [tool.ruff.lint] are one piece of evidence
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SECTION.match(line) if line.startswith("[") else None
        if match is None:
            continue
        section = match.group(1)
        rule = _SECTIONS.get(section) or _SECTIONS.get(".".join(section.split(".")[:2]))
        if rule is not None and rule[0] not in seen:
            seen.add(rule[0])
            found.add(rule, relpath, number, f"[{section}] in {name}")
