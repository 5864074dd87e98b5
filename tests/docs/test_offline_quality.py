"""The offline generator writes what adds information or nothing: real files in a temporary
directory, run the way ``vibe docs --offline`` runs."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from app.agents.docs.docstrings import offline_docstrings
from app.agents.docs.envvars import without_comments
from app.agents.docs.restating import restates_name
from app.agents.docs.symbols import summary_sentence

from .conftest import write_project
from .helpers import apply, edit_of, run_docs

PYPROJECT = """\
    [build-system]
    requires = ["flit_core<4"]
    build-backend = "flit_core.buildapi"

    [project]
    name = "shapes-kit"
    version = "1.0"
    requires-python = ">=3.11"
    """


def _project(tmp_path: Path, files: dict[str, str], readme: str | None = None) -> Path:
    return write_project(tmp_path / "proj", {"pyproject.toml": PYPROJECT, **files}, readme)


# -- files that parse ---------------------------------------------------------------------


OVERLOADS = '''\
    """Scaling."""
    from typing import overload


    @overload
    def scale(value: int) -> int: ...
    @overload
    def scale(value: str) -> str: ...
    def scale(value):
        if not value:
            raise ValueError("empty")
        return value * 2


    class Box:
        @property
        def size(self) -> int:
            return len(self.items)

        @size.setter
        def size(self, value: int) -> None:
            if value < 0:
                raise ValueError(value)
    '''


async def test_a_file_with_overloads_and_a_property_setter_gets_its_docstrings(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, {"shapes/__init__.py": "", "shapes/core.py": OVERLOADS})

    result = await run_docs(root)

    assert not [w for w in result.summary.warnings if "shapes/core.py" in w]
    core = edit_of(result, "shapes/core.py")
    assert 'def scale(value):\n    """Raises ``ValueError``."""\n' in core
    assert 'def size(self) -> int:\n        """Return ``len(self.items)``."""\n' in core
    assert core.count('"""') == 2 * 3  # the module's, scale's and size's getter


async def test_a_second_run_over_overloads_changes_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path, {"shapes/__init__.py": "", "shapes/core.py": OVERLOADS})
    first = await run_docs(root)
    assert "- `def scale(value: int) -> int`\n" in edit_of(first, "docs/api.md")
    apply(root, first)

    again = await run_docs(root)

    assert again.edits == []


MODERN = '''\
    """Newer syntax."""
    import asyncio


    def kind(value: int | str | None) -> str:
        match value:
            case int():
                return "int"
            case _:
                raise TypeError(value)


    async def collect(source):
        return [item async for item in source]


    def decorated(func):
        @staticmethod
        def inner():
            return func
        return f"{func!r:>{10}}"
    '''


async def test_match_union_types_and_async_comprehensions_parse_for_python_3_11(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, {"shapes/__init__.py": "", "shapes/modern.py": MODERN})

    result = await run_docs(root)

    assert result.summary.warnings == []
    modern = edit_of(result, "shapes/modern.py")
    assert '    """Raises ``TypeError``."""\n    match value:' in modern
    assert '    """Return ``[item async for item in source]``."""\n' in modern


async def test_a_file_that_does_not_parse_is_named_with_its_line_and_reason(
    tmp_path: Path,
) -> None:
    broken = "def good():\n    return 1\n\n\ndef bad(:\n    pass\n"
    root = _project(tmp_path, {"shapes/__init__.py": "", "shapes/broken.py": broken})

    result = await run_docs(root)

    [warning] = result.summary.warnings
    assert warning.startswith("shapes/broken.py line 5: docstrings left out, ")
    assert "Python 3.11" in warning and "invalid syntax" in warning


async def test_syntax_newer_than_the_declared_python_is_a_reason_to_skip(
    tmp_path: Path,
) -> None:
    pyproject = PYPROJECT.replace(">=3.11", ">=3.8")
    files = {"pyproject.toml": pyproject, "shapes/__init__.py": "", "shapes/modern.py": MODERN}
    root = write_project(tmp_path / "old", files, None)

    result = await run_docs(root)

    [warning] = result.summary.warnings
    assert warning.startswith("shapes/modern.py line 6: docstrings left out, ")
    assert "Python 3.8 (requires-python >=3.8)" in warning
    assert "shapes/modern.py" not in {edit.path for edit in result.edits}


async def test_a_python_newer_than_the_running_one_is_named_in_the_message(
    tmp_path: Path,
) -> None:
    pyproject = PYPROJECT.replace(">=3.11", ">=3.99")
    newer = "def first(items):\n    return items[0]\n\n\nx = not valid(\n"
    files = {"pyproject.toml": pyproject, "shapes/__init__.py": "", "shapes/new.py": newer}
    root = write_project(tmp_path / "new", files, None)

    result = await run_docs(root)

    [warning] = result.summary.warnings
    running = f"Python {sys.version_info[0]}.{sys.version_info[1]}"
    assert warning.startswith("shapes/new.py line 5: docstrings left out, ")
    assert f"{running}, which runs vibe (requires-python >=3.99)" in warning


# -- docstrings that restate the name --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "docstring"),
    [
        ("check", "Check."),
        ("to_json", "To json."),
        ("remove_ctx", "Remove ctx."),
        ("Box.list_templates", "Return the list templates."),
        ("is_low", "Return whether it is low."),
        ("getSourceFiles", "Get the source file."),
        ("total", "Return ``self.total``."),
        ("name", "The name."),
    ],
)
def test_a_docstring_made_of_the_names_words_restates_it(name: str, docstring: str) -> None:
    assert restates_name(name, docstring)


@pytest.mark.parametrize(
    ("name", "docstring"),
    [
        ("check", "Raises ``ValueError``."),
        ("to_json", "Return ``json.dumps(self.data)``."),
        ("is_low", "Return ``count < threshold``."),
        ("scale", "Double the value."),
    ],
)
def test_a_docstring_with_other_words_adds_information(name: str, docstring: str) -> None:
    assert not restates_name(name, docstring)


def test_the_offline_generator_never_restates_a_name_and_skips_functions_with_no_facts() -> None:
    source = textwrap.dedent(
        """\
        import json


        def check(value):
            print(value)


        def to_json(data):
            return json.dumps(data)


        def remove_ctx(self):
            return self.remove_ctx


        def main():
            run()
        """
    )

    added = offline_docstrings(source, "tool/core.py")

    assert added == [("to_json", "Return ``json.dumps(data)``.")]


async def test_the_inventory_project_gets_no_restating_docstring(project: Path) -> None:
    result = await run_docs(project)

    store = edit_of(result, "inventory/store.py")
    assert "Add item." not in store and "Return whether it is low." not in store
    assert '"""Return ``count < threshold``."""' in store
    assert '"""Return ``sum(self.levels.values())``."""' in store
    assert "inventory/cli.py" not in {edit.path for edit in result.edits}


# -- overrides -------------------------------------------------------------------------------


async def test_overrides_of_documented_methods_get_no_docstring(tmp_path: Path) -> None:
    files = {
        "kit/__init__.py": "",
        "kit/base.py": '''\
            class Tag:
                key: str = ""
                """The name this tag is stored under."""

                def check(self, value) -> bool:
                    """Whether this tag applies to ``value``."""
                    raise NotImplementedError
            ''',
        "kit/tags.py": """\
            import ast
            import json
            import logging
            import unittest
            from json import JSONEncoder

            from .base import Tag


            class Local(Tag):
                def check(self, value) -> bool:
                    return isinstance(value, dict)


            class Encoder(json.JSONEncoder):
                def default(self, o):
                    return str(o)


            class Encoder2(JSONEncoder):
                def default(self, o):
                    return repr(o)


            class Handler(logging.Handler):
                def emit(self, record):
                    raise RuntimeError(record)


            class Case(unittest.TestCase):
                def setUp(self):
                    self.value = 1


            class Visitor(ast.NodeVisitor):
                def visit_Name(self, node):
                    return node.id

                def names(self, tree):
                    return [n.id for n in ast.walk(tree)]


            class Mapping(dict):
                def get(self, key, default=None):
                    return super().get(key.lower(), default)


            class Keyed(Tag):
                @property
                def key(self) -> str:
                    return type(self).__name__.lower()


            class Sub(Local):
                def check(self, value) -> bool:
                    return False
            """,
    }
    root = _project(tmp_path, files)

    added = offline_docstrings((root / "kit/tags.py").read_text(), "kit/tags.py", root)

    assert added == [("Visitor.names", "Return ``[n.id for n in ast.walk(tree)]``.")]


def test_a_method_of_a_class_with_a_base_that_cannot_be_read_gets_no_docstring() -> None:
    source = "from jinja2 import BaseLoader\n\n\nclass Loader(BaseLoader):\n"
    source += "    def get_source(self, env, name):\n        raise KeyError(name)\n"

    assert offline_docstrings(source, "kit/loader.py") == []


# -- api.md summaries ------------------------------------------------------------------------


def test_summaries_end_at_a_sentence_boundary() -> None:
    doc = (
        "The flask object implements a WSGI application and acts as the central\n"
        "object.  It is passed the name of the module, e.g. ``app``.\n\nMore."
    )
    assert summary_sentence(doc) == (
        "The flask object implements a WSGI application and acts as the central object."
    )
    assert summary_sentence("Use e.g. :func:`send_file` for it.  Then more.") == (
        "Use e.g. :func:`send_file` for it."
    )
    assert summary_sentence("Creates a test client for this\napplication") == (
        "Creates a test client for this application"
    )


async def test_api_doc_shows_whole_first_sentences(tmp_path: Path) -> None:
    files = {
        "kit/__init__.py": "",
        "kit/app.py": '''\
            class App:
                """The object implements a WSGI application and acts as the central
                object.  More words follow here.
                """
            ''',
    }
    root = _project(tmp_path, files)

    api = edit_of(await run_docs(root), "docs/api.md")

    assert (
        "- `class App` — The object implements a WSGI application and acts as the central object.\n"
        in api
    )


# -- configuration ---------------------------------------------------------------------------


async def test_configuration_lists_only_variables_the_code_reads(tmp_path: Path) -> None:
    files = {
        "kit/__init__.py": "",
        "kit/config.py": '''\
            """Settings.

            Example::

                app.config.from_envvar("YOURAPPLICATION_SETTINGS")
                os.environ["IN_A_DOCSTRING"]
            """
            import os
            from os import environ, getenv as read_env

            import click

            # os.environ["IN_A_COMMENT"]
            DEBUG = os.environ.get("KIT_DEBUG", "0")
            HOME = environ["KIT_HOME"]
            LEVEL = read_env("KIT_LEVEL")
            HAS_TOKEN = "KIT_TOKEN" in os.environ
            os.environ["KIT_WRITTEN"] = "1"
            MESSAGE = "set os.environ['IN_A_STRING'] first"


            @click.option("--port", envvar="KIT_PORT")
            def serve(port):
                return port
            ''',
    }
    root = _project(tmp_path, files)

    readme = edit_of(await run_docs(root), "README.md")

    for name in ("KIT_DEBUG", "KIT_HOME", "KIT_LEVEL", "KIT_TOKEN", "KIT_PORT"):
        assert f"`{name}`" in readme
    assert '| `KIT_DEBUG` | `"0"` | `kit/config.py` |' in readme
    for name in ("YOURAPPLICATION_SETTINGS", "IN_A_DOCSTRING", "IN_A_COMMENT", "IN_A_STRING"):
        assert name not in readme
    assert "KIT_WRITTEN" not in readme


def test_variables_named_in_javascript_and_go_comments_are_not_reads() -> None:
    source = (
        "// process.env.IN_A_COMMENT\n"
        "/* process.env.IN_A_BLOCK\n   still a comment */\n"
        'const url = "http://example.org"; const port = process.env.PORT;\n'
    )

    stripped = without_comments(source)

    assert "IN_A_COMMENT" not in stripped and "IN_A_BLOCK" not in stripped
    assert stripped.splitlines()[3] == source.splitlines()[3]
    assert stripped.count("\n") == source.count("\n")


# -- installation ----------------------------------------------------------------------------


async def test_a_published_python_project_is_installed_by_its_name_not_uv_sync(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, {"shapes/__init__.py": "", "uv.lock": "version = 1\n"})
    (root / "tests").mkdir()
    (root / "tests/test_it.py").write_text("def test_it():\n    pass\n")

    readme = edit_of(await run_docs(root), "README.md")

    install = readme.split("## Installation", 1)[1].split("<!--", 1)[0]
    assert "```sh\npip install shapes-kit\n```" in install
    assert "uv sync" not in install
    testing = readme.split("## Running the tests", 1)[1]
    assert "uv sync" in testing


async def test_a_public_npm_package_is_installed_by_its_name_and_a_private_one_is_not(
    tmp_path: Path,
) -> None:
    public = write_project(
        tmp_path / "pub",
        {"package.json": '{"name": "@acme/widgets"}', "index.js": "export function a() {}\n"},
        None,
    )
    private = write_project(
        tmp_path / "priv",
        {"package.json": '{"name": "site", "private": true}', "index.js": "export const b = 1;\n"},
        None,
    )

    public_readme = edit_of(await run_docs(public), "README.md")
    private_readme = edit_of(await run_docs(private), "README.md")

    assert "```sh\nnpm install @acme/widgets\n```" in public_readme
    assert "npm install site" not in private_readme


async def test_a_go_module_is_installed_with_go_get(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "go",
        {"go.mod": "module github.com/acme/kit\n\ngo 1.22\n", "kit.go": "package kit\n"},
        None,
    )

    readme = edit_of(await run_docs(root), "README.md")

    assert "```sh\ngo get github.com/acme/kit\n```" in readme


# -- layout and plurals ----------------------------------------------------------------------


async def test_a_one_module_python_package_is_not_called_go_and_counts_are_plural_right(
    tmp_path: Path,
) -> None:
    files = {"pkg/__init__.py": "", "pkg/core.py": "def double(x):\n    return x * 2\n"}
    root = write_project(tmp_path / "one", files, None)

    result = await run_docs(root)

    readme = edit_of(result, "README.md")
    assert "Go" not in readme
    assert "- `pkg/`: Python package" in readme
    assert "1 files" not in readme and "mainly in Python (2 files)." in readme


async def test_a_pkg_directory_without_init_is_described_by_its_language(tmp_path: Path) -> None:
    files = {"pkg/core.py": "def double(x):\n    return x * 2\n"}
    root = write_project(tmp_path / "ns", files, None)

    readme = edit_of(await run_docs(root), "README.md")

    assert "Go" not in readme
    assert "- `pkg/`: Python (1 file)" in readme
    assert "mainly in Python (1 file)." in readme


async def test_a_src_layout_names_the_package_it_holds(tmp_path: Path) -> None:
    files = {"src/shapes/__init__.py": "", "src/shapes/py.typed": "", "src/shapes/area.py": ""}
    root = _project(tmp_path, files)

    readme = edit_of(await run_docs(root), "README.md")

    assert "- `src/`: Python package `shapes`" in readme
