"""No import circles among the project's modules, and the graph analysis that says so."""

from __future__ import annotations

from pathlib import Path

from tests.layout.import_graph import circles, describe, import_graph, imported_names

ROOT = Path(__file__).resolve().parents[2]


def test_the_project_has_no_import_circles() -> None:
    found = circles(import_graph(ROOT))

    assert not found, (
        "these modules import each other (function-level imports count); move what they share "
        f"into a module both can import:\n{describe(found)}"
    )


def test_imports_under_type_checking_make_no_edge() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from app.models import Finding\n"
        "else:\n"
        "    import app.settings\n"
    )

    assert imported_names(source, "app.reporting") == {
        "typing",
        "typing.TYPE_CHECKING",
        "app.settings",
    }


def test_function_level_and_relative_imports_count() -> None:
    source = "from . import local\ndef open_store():\n    from .s3 import Bucket\n"

    assert imported_names(source, "app.artifacts.store") == {
        "app.artifacts",
        "app.artifacts.local",
        "app.artifacts.s3",
        "app.artifacts.s3.Bucket",
    }
    assert imported_names("from .base import Key\n", "app.artifacts", is_package=True) == {
        "app.artifacts.base",
        "app.artifacts.base.Key",
    }


def test_a_circle_names_every_module_on_it_and_nothing_else() -> None:
    graph = {
        "app.store": {"app.local", "app.base"},
        "app.local": {"app.store"},
        "app.base": set(),
        "jobs.a": {"jobs.b"},
        "jobs.b": {"jobs.c"},
        "jobs.c": {"jobs.a", "app.base"},
    }

    assert circles(graph) == [["app.local", "app.store"], ["jobs.a", "jobs.b", "jobs.c"]]
    assert describe(circles(graph)) == (
        "circle: app.local, app.store\ncircle: jobs.a, jobs.b, jobs.c"
    )


def test_the_graph_keeps_only_project_modules(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "store.py").write_text("import os\nfrom app import local\n")
    (tmp_path / "app" / "local.py").write_text("from app.store import open_store\n")

    graph = import_graph(tmp_path, ["app"])

    assert graph == {"app": set(), "app.local": {"app.store"}, "app.store": {"app", "app.local"}}
    assert circles(graph) == [["app.local", "app.store"]]
