"""PyPI manifests: requirements files with includes, pyproject (PEP 621, uv, Poetry),
Pipfile and setup.cfg, and their lock files."""

from __future__ import annotations

from tests.scanner.projects import dependency, names, parse_files, parse_project


def test_requirements_keep_spec_line_and_pin_of_each_requirement() -> None:
    results = parse_project("python")

    flask = dependency(results, "Flask", "requirements.txt")
    assert (flask.version_spec, flask.resolved_version, flask.line) == ("==3.0.0", "3.0.0", 6)
    assert flask.scope == "runtime" and flask.direct
    werkzeug = dependency(results, "Werkzeug")
    assert (werkzeug.version_spec, werkzeug.line) == (">=3.0,<4", 7)
    assert dependency(results, "SQLAlchemy").version_spec == "~=2.0.23"
    assert dependency(results, "psycopg2-binary").version_spec == "==2.9.9"


def test_constraints_file_pins_versions_without_adding_requirements() -> None:
    results = parse_project("python")

    assert dependency(results, "gunicorn").resolved_version == "21.2.0"
    assert dependency(results, "Werkzeug").resolved_version == "3.0.1"
    assert "constraints.txt" not in {dep.manifest for dep in results.dependencies}


def test_continued_requirement_with_hashes_is_read_from_its_first_line() -> None:
    requests = dependency(parse_project("python"), "requests")

    assert (requests.version_spec, requests.resolved_version, requests.line) == (
        "==2.31.0",
        "2.31.0",
        11,
    )


def test_editable_vcs_and_wheel_urls_are_named_by_egg_or_wheel_file() -> None:
    results = parse_project("python")

    toolbar = dependency(results, "Flask-DebugToolbar")
    assert toolbar.version_spec is not None and toolbar.version_spec.startswith("git+https://")
    assert toolbar.line == 14
    assert dependency(results, "celery", "requirements.txt").line == 15


def test_included_files_are_parsed_once_under_their_own_path_and_scope() -> None:
    results = parse_project("python")

    assert names(results, "requirements-dev.txt") == ["pytest", "pytest-cov", "factory_boy"]
    assert dependency(results, "pytest", "requirements-dev.txt").scope == "dev"
    ruff = dependency(results, "ruff", "requirements/lint.txt")
    assert (ruff.scope, ruff.line) == ("dev", 1)
    assert [dep.manifest for dep in results.dependencies if dep.name == "Flask"] == [
        "requirements.txt"
    ]


def test_include_cycle_is_reported_once_and_every_file_is_read() -> None:
    results = parse_files(
        {
            "requirements.txt": "-r requirements-dev.txt\nflask\n",
            "requirements-dev.txt": "-r requirements.txt\npytest\n",
        }
    )

    assert {dep.name for dep in results.dependencies} == {"flask", "pytest"}
    cycle_warnings = [w for w in results.warnings if "include cycle" in w.message]
    assert len(cycle_warnings) == 1
    assert (cycle_warnings[0].path, cycle_warnings[0].line) == ("requirements.txt", 1)
    assert cycle_warnings[0].message == (
        "`-r requirements-dev.txt` closes an include cycle "
        "(requirements-dev.txt -> requirements.txt -> requirements-dev.txt); each file is read once"
    )


def test_file_including_itself_is_a_cycle() -> None:
    results = parse_files({"requirements.txt": "flask\n-r requirements.txt\n"})

    assert [w.line for w in results.warnings if "include cycle" in w.message] == [2]


def test_include_outside_the_tree_or_missing_is_a_warning_naming_the_line() -> None:
    results = parse_files(
        {
            "services/api/requirements.txt": (
                "-r ../../../shared/base.txt\n-r missing.txt\n-r https://example.com/r.txt\n"
                "-r /etc/passwd\nrich\n"
            )
        }
    )

    by_line = {w.line: w.message for w in results.warnings}
    assert "outside the repository" in by_line[1]
    assert "services/api/missing.txt" in by_line[2]
    assert "URL" in by_line[3]
    assert "outside the repository" in by_line[4]
    assert names(results, "services/api/requirements.txt") == ["rich"]


def test_include_with_another_name_is_followed_and_listed() -> None:
    results = parse_files({"requirements.txt": "-r base.in\n", "base.in": "attrs>=23\n"})

    assert dependency(results, "attrs").manifest == "base.in"
    assert {m.path for m in results.manifests} == {"requirements.txt", "base.in"}


def test_garbage_requirement_line_is_a_warning_and_the_rest_is_kept() -> None:
    results = parse_files({"requirements.txt": "flask\nthis is not a requirement\ncelery\n"})

    assert names(results, "requirements.txt") == ["flask", "celery"]
    assert [(w.path, w.line) for w in results.warnings] == [("requirements.txt", 2)]


def test_pep621_dependencies_extras_groups_and_build_requirements() -> None:
    results = parse_project("python")
    manifest = "uv-app/pyproject.toml"

    httpx = dependency(results, "httpx", manifest)
    assert (httpx.version_spec, httpx.resolved_version, httpx.line) == (">=0.27", "0.27.0", 12)
    assert dependency(results, "tenacity", manifest).line == 14
    kafka = dependency(results, "confluent-kafka", manifest)
    assert (kafka.scope, kafka.group, kafka.line) == ("optional", "kafka", 18)
    ruff = dependency(results, "ruff", manifest)
    assert (ruff.scope, ruff.group, ruff.line) == ("dev", "dev", 21)
    assert dependency(results, "hatchling", manifest).scope == "build"


def test_uv_lock_resolves_direct_and_lists_only_transitive_packages() -> None:
    results = parse_project("python")

    assert dependency(results, "pytest", "uv-app/pyproject.toml").resolved_version == "8.2.2"
    locked = [dep for dep in results.dependencies if dep.manifest == "uv-app/uv.lock"]
    assert [(dep.name, dep.resolved_version, dep.direct) for dep in locked] == [
        ("anyio", "4.4.0", False)
    ]
    assert locked[0].line == 5


def test_poetry_dependencies_groups_and_optional_packages() -> None:
    results = parse_project("python")
    manifest = "poetry-app/pyproject.toml"

    assert "python" not in names(results, manifest)
    fastapi = dependency(results, "fastapi", manifest)
    assert (fastapi.version_spec, fastapi.resolved_version, fastapi.line) == (
        "^0.104.1",
        "0.104.1",
        11,
    )
    uvicorn = dependency(results, "uvicorn", manifest)
    assert (uvicorn.version_spec, uvicorn.resolved_version) == ("^0.24.0", "0.24.0.post1")
    assert dependency(results, "stripe", manifest).scope == "optional"
    pytest = dependency(results, "pytest", manifest)
    assert (pytest.scope, pytest.group, pytest.line) == ("dev", "dev", 23)
    docs = dependency(results, "mkdocs-material", manifest)
    assert (docs.scope, docs.group, docs.line) == ("dev", "docs", 30)


def test_poetry_lock_matches_names_after_pep503_normalisation() -> None:
    results = parse_files(
        {
            "pyproject.toml": '[tool.poetry.dependencies]\nZope_Interface = "^6"\n',
            "poetry.lock": '[[package]]\nname = "zope-interface"\nversion = "6.1"\n',
        }
    )

    assert dependency(results, "Zope_Interface").resolved_version == "6.1"
    assert [dep.manifest for dep in results.dependencies] == ["pyproject.toml"]


def test_pipfile_and_pipfile_lock() -> None:
    results = parse_project("python")

    django = dependency(results, "django", "pipenv-app/Pipfile")
    assert (django.version_spec, django.resolved_version, django.line) == ("~=4.2", "4.2.8", 7)
    assert dependency(results, "djangorestframework").version_spec is None
    assert dependency(results, "celery", "pipenv-app/Pipfile").version_spec == ">=5.3"
    assert dependency(results, "pytest-django").scope == "dev"
    asgiref = dependency(results, "asgiref")
    assert (asgiref.manifest, asgiref.direct, asgiref.resolved_version, asgiref.line) == (
        "pipenv-app/Pipfile.lock",
        False,
        "3.7.2",
        19,
    )


def test_setup_cfg_requirements_extras_and_licence() -> None:
    results = parse_project("python")
    manifest = "legacy-lib/setup.cfg"

    assert names(results, manifest) == [
        "click",
        "PyYAML",
        "importlib-metadata",
        "setuptools_scm",
        "pytest",
        "coverage",
    ]
    assert dependency(results, "PyYAML").line == 14
    assert dependency(results, "setuptools_scm").scope == "build"
    coverage = dependency(results, "coverage")
    assert (coverage.scope, coverage.group, coverage.line) == ("optional", "test", 22)
    assert {(lic.path, lic.spdx_id) for lic in results.licenses} == {
        ("legacy-lib/setup.cfg", "BSD-3-Clause"),
        ("poetry-app/pyproject.toml", "Apache-2.0"),
        ("uv-app/pyproject.toml", "MIT"),
    }


def test_broken_pyproject_is_a_warning_with_the_line_tomllib_reports() -> None:
    results = parse_files(
        {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["a",\n\n[tool.x]\n'}
    )

    assert results.dependencies == [] and results.manifests == []
    (warning,) = results.warnings
    assert warning.path == "pyproject.toml" and warning.line is not None
    assert "pyproject.toml is not valid TOML" in warning.message


def test_broken_setup_cfg_and_pipfile_lock_are_warnings_with_lines() -> None:
    results = parse_files(
        {
            "setup.cfg": "install_requires = flask\n[options]\n",
            "Pipfile.lock": '{\n  "default": {\n    "flask": {"version": "==3.0.0",}\n  }\n}\n',
        }
    )

    assert {(w.path, w.line) for w in results.warnings} == {("setup.cfg", 1), ("Pipfile.lock", 3)}
