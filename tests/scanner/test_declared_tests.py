"""Test code that test runners' configuration declares (app.agents.scanner.declared_tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygit2
import pytest

from app.agents.scanner.declared_tests import declared_tests, expand_glob, wants_content
from app.agents.scanner.scan import scan
from app.agents.scanner.tree import scan_tree


def reader(files: dict[str, str]) -> Callable[[str], bytes | None]:
    def read(relpath: str) -> bytes | None:
        text = files.get(relpath)
        return None if text is None else text.encode()

    return read


def patterns(files: dict[str, str], others: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    """Pattern → (framework, declaring file) for a project of ``files`` plus ``others``."""
    paths = sorted({*files, *others})
    found = declared_tests(paths, [p for p in paths if wants_content(p)], reader(files))
    return {d.pattern: (d.framework, d.path) for d in found}


INTEGRATION = ("integration/test_orders.py", "integration/test_cart.py", "integration/seed.py")
# Sources with a test beside each module: half tests, still the sources.
SOURCES = ("src/shop/orders.py", "src/shop/test_orders.py", "src/shop/cart.py", "src/cart_test.py")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", '[tool.pytest.ini_options]\ntestpaths = ["integration", "src"]\n'),
        ("pyproject.toml", '[tool.pytest]\ntestpaths = ["integration", "src"]\n'),
        ("pytest.ini", "[pytest]\ntestpaths =\n    integration\n    src\n"),
        ("setup.cfg", "[metadata]\nname = shop\n\n[tool:pytest]\ntestpaths = integration src\n"),
        ("tox.ini", "[tox]\nenvlist = py311\n\n[pytest]\ntestpaths = integration src\n"),
    ],
)
def test_pytest_testpaths_are_test_code_where_the_folder_holds_tests(name: str, text: str) -> None:
    found = patterns({name: text}, INTEGRATION + SOURCES)

    assert found == {"/integration": ("pytest", name)}


def test_a_nested_configuration_declares_paths_below_its_folder() -> None:
    files = {"services/api/pytest.ini": "[pytest]\ntestpaths = checks\n"}
    others = (
        "services/api/checks/test_api.py",
        "services/api/checks/test_auth.py",
        "services/api/checks/client.py",
    )

    assert patterns(files, others) == {
        "/services/api/checks": ("pytest", "services/api/pytest.ini")
    }


@pytest.mark.parametrize("testpaths", ['"."', '""', '"../shared"', '"/abs/tests"'])
def test_the_whole_project_or_a_path_outside_it_is_never_test_code(testpaths: str) -> None:
    files = {"pyproject.toml": f"[tool.pytest.ini_options]\ntestpaths = [{testpaths}]\n"}

    assert patterns(files, ("test_app.py", "../shared/test_x.py")) == {}


def test_jest_test_match_in_package_json_is_read_under_its_roots() -> None:
    files = {
        "web/package.json": """{
          "name": "web",
          "jest": {
            "roots": ["<rootDir>/src", "<rootDir>/checks"],
            "testMatch": ["**/*.check.ts", "<rootDir>/e2e/**/*.ts"]
          }
        }""",
    }
    others = ("web/e2e/login.spec.ts", "web/e2e/cart.spec.ts", "web/e2e/pages.ts", "web/src/a.ts")

    assert patterns(files, others) == {
        "/web/src/**/*.check.ts": ("Jest", "web/package.json"),
        "/web/checks/**/*.check.ts": ("Jest", "web/package.json"),
        "/web/e2e/**/*.ts": ("Jest", "web/package.json"),
    }


def test_jest_roots_alone_or_a_test_match_of_every_file_are_not_test_code() -> None:
    files = {
        "package.json": '{"jest": {"roots": ["<rootDir>/src"]}}',
        "jest.config.js": "module.exports = {\n  roots: ['<rootDir>/src'],\n"
        "  testMatch: ['**/*.js'],\n};\n",
    }

    assert patterns(files, ("src/app.js", "src/db.js", "src/app.test.js", "src/db.test.js")) == {}


def test_a_jest_config_module_is_read_when_its_values_are_literal() -> None:
    files = {
        "jest.config.ts": """\
import type { Config } from 'jest';

// Integration suites live apart.
const config: Config = {
  preset: 'ts-jest',
  testMatch: [
    '<rootDir>/suites/**/*.it.ts', /* contract tests */
    "**/*.contract.ts",
  ],
};

export default config;
""",
        "other/jest.config.js": "const match = ['**/*.x.js'];\n"
        "module.exports = { testMatch: match };\n",
    }

    assert patterns(files) == {
        "/suites/**/*.it.ts": ("Jest", "jest.config.ts"),
        "/**/*.contract.ts": ("Jest", "jest.config.ts"),
    }


def test_vitest_include_is_read_from_the_test_block_only() -> None:
    files = {
        "app/vite.config.ts": """\
import { defineConfig } from 'vite';

export default defineConfig({
  optimizeDeps: { include: ['lodash'] },
  test: {
    include: ['tests/**/*.{test,spec}.?(c|m)[jt]s?(x)', 'checks/**/*.check.ts'],
    coverage: { include: ['src/**/*.ts'] },
  },
});
""",
    }

    found = patterns(files)
    paths = sorted(files)
    lines = {d.line for d in declared_tests(paths, paths, reader(files))}

    assert found["/app/checks/**/*.check.ts"] == ("Vitest", "app/vite.config.ts")
    assert lines == {6}
    assert "/app/tests/**/*.test.m[jt]sx" in found and "/app/tests/**/*.spec.[jt]s" in found
    assert not any("lodash" in p or "src/" in p for p in found)


def test_globs_expand_braces_and_extglobs_and_refuse_negations() -> None:
    assert expand_glob("a/*.{x,y}.?(c)js") == ["a/*.x.cjs", "a/*.x.js", "a/*.y.cjs", "a/*.y.js"]
    assert expand_glob("**/!(vendor)/*.test.js") == []
    assert expand_glob("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}") == []  # 128 variants


def test_configuration_under_installed_packages_is_not_read() -> None:
    assert not wants_content("node_modules/left-pad/package.json")
    assert not wants_content(".venv/lib/python3.11/site-packages/x/pyproject.toml")
    assert wants_content("packages/ui/vitest.config.mts")


PROJECT = {
    "pyproject.toml": '[project]\nname = "shop"\n\n[tool.pytest.ini_options]\ntestpaths = ["qa"]\n',
    "qa/test_checkout.py": "def test_checkout():\n    pass\n",
    "qa/test_refund.py": "def test_refund():\n    pass\n",
    "qa/client.py": "import requests\n",
    "shop/app.py": "print('hi')\n",
}


def test_the_directory_scan_reports_declared_tests(tmp_path: Path) -> None:
    for name, text in PROJECT.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    report = scan(tmp_path)

    [declared] = report.declared_tests
    assert (declared.pattern, declared.framework, declared.path, declared.line) == (
        "/qa",
        "pytest",
        "pyproject.toml",
        5,
    )


def test_the_git_tree_scan_reports_declared_tests(tmp_path: Path) -> None:
    repo = pygit2.init_repository(str(tmp_path / "repo"), bare=True)
    folders: dict[str, pygit2.TreeBuilder] = {"": repo.TreeBuilder()}
    for name, text in PROJECT.items():
        folder, _, base = name.rpartition("/")
        builder = folders.setdefault(folder, repo.TreeBuilder())
        builder.insert(base, repo.create_blob(text.encode()), pygit2.GIT_FILEMODE_BLOB)
    for folder in ("qa", "shop"):
        folders[""].insert(folder, folders[folder].write(), pygit2.GIT_FILEMODE_TREE)

    report = scan_tree(repo[folders[""].write()])

    assert [(d.pattern, d.framework) for d in report.declared_tests] == [("/qa", "pytest")]
