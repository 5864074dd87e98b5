"""The offline review's facts, from real two-commit repositories: symbols from the two versions'
syntax trees (never from the diff's context lines), each dependency move attributed to the
manifest and lock file that changed for it, each file in one section, the risks ranked and said
once; and the review and description a user reads, rendered from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.agents.reviewer.agent import offline_review
from app.agents.reviewer.describe import describe_section
from app.agents.reviewer.facts import DependencyMove, SymbolChange, review_facts
from app.agents.reviewer.gitdiff import review_input
from app.agents.reviewer.models import ReviewInput
from app.agents.reviewer.render import review_markdown
from app.cli.main import main
from tests.reviewer.conftest import two_commits

TESTS_BASE = """import pytest


def test_first():
    assert 1 + 1 == 2


def test_second():
    assert "a" * 2 == "aa"


def test_third():
    assert [] == []


def test_fourth():
    assert {} == {}
"""
# test_second and test_fourth removed; test_first and test_third untouched, though the diff's
# context lines show them.
TESTS_HEAD = """import pytest


def test_first():
    assert 1 + 1 == 2


def test_third():
    assert [] == []
"""

SERVICE_BASE = """class Service:
    retries = 3

    def start(self):
        return "started"

    def stop(self):
        return "stopped"


def helper(value):
    return value * 2
"""
SERVICE_HEAD = """class Service:
    retries = 3

    def start(self):
        return "started"

    def stop(self):
        return "stopped for good"


def helper(value):
    return value * 2


def fresh():
    return None
"""


def _input(tmp_path: Path, base: dict[str, str], head: dict[str, str]) -> ReviewInput:
    world = two_commits(tmp_path / "repo", base, head)
    return review_input(world.repo, world.base_sha, world.head_sha)


def _markdown(reviewed: ReviewInput) -> str:
    return review_markdown(offline_review(reviewed, [], "no model is configured"))


def test_removed_tests_are_named_removed_and_context_lines_name_nothing(tmp_path: Path) -> None:
    reviewed = _input(
        tmp_path, {"tests/test_math.py": TESTS_BASE}, {"tests/test_math.py": TESTS_HEAD}
    )

    assert review_facts(reviewed).symbols == [
        SymbolChange(path="tests/test_math.py", name="test_second", change="removed"),
        SymbolChange(path="tests/test_math.py", name="test_fourth", change="removed"),
    ]
    text = _markdown(reviewed)
    assert "Removed: `test_second`, `test_fourth` in `tests/test_math.py`." in text
    assert "Changed:" not in text and "test_first" not in text and "test_third" not in text
    assert "2 tests removed" in text


def test_a_function_just_above_a_changed_line_is_not_changed(tmp_path: Path) -> None:
    base = "def area(r):\n    return 3.14 * r * r\nLIMIT = 1\n"
    reviewed = _input(tmp_path, {"geo.py": base}, {"geo.py": base.replace("= 1", "= 2")})

    assert review_facts(reviewed).symbols == []
    assert "`area`" not in _markdown(reviewed)


def test_a_changed_method_is_changed_its_class_is_not_and_a_new_function_is_added(
    tmp_path: Path,
) -> None:
    reviewed = _input(tmp_path, {"svc.py": SERVICE_BASE}, {"svc.py": SERVICE_HEAD})

    assert [(s.name, s.change, s.kind) for s in review_facts(reviewed).symbols] == [
        ("Service.stop", "changed", "method"),
        ("fresh", "added", "function"),
    ]
    summary = offline_review(reviewed, [], None).summary
    assert "Added: `fresh` in `svc.py`." in summary
    assert "Changed: `Service.stop` in `svc.py`." in summary


def test_a_method_added_to_a_class_leaves_the_class_unchanged(tmp_path: Path) -> None:
    head = SERVICE_BASE.replace(
        "    def stop(self):",
        "    @property\n    def ready(self):\n        return True\n\n    def stop(self):",
    )
    reviewed = _input(tmp_path, {"svc.py": SERVICE_BASE}, {"svc.py": head})

    assert [(s.name, s.change) for s in review_facts(reviewed).symbols] == [
        ("Service.ready", "added")
    ]


def test_a_class_attribute_change_changes_the_class_and_no_method(tmp_path: Path) -> None:
    head = SERVICE_BASE.replace("retries = 3", "retries = 5")
    reviewed = _input(tmp_path, {"svc.py": SERVICE_BASE}, {"svc.py": head})

    assert [(s.name, s.change) for s in review_facts(reviewed).symbols] == [("Service", "changed")]


def test_a_removed_class_is_named_alone_and_overloads_parse(tmp_path: Path) -> None:
    overloads = (
        "from typing import overload\n\n\n@overload\ndef pick(x: int) -> int: ...\n\n\n"
        "@overload\ndef pick(x: str) -> str: ...\n\n\ndef pick(x):\n    return x\n"
    )
    reviewed = _input(
        tmp_path,
        {"svc.py": SERVICE_BASE, "pick.py": overloads},
        {"svc.py": "VALUE = 1\n", "pick.py": overloads.replace("return x", "return x or None")},
    )

    assert {(s.path, s.name, s.change) for s in review_facts(reviewed).symbols} == {
        ("pick.py", "pick", "changed"),
        ("svc.py", "Service", "removed"),
        ("svc.py", "helper", "removed"),
    }


def test_javascript_and_go_declarations_are_compared_too(tmp_path: Path) -> None:
    js_base = (
        "export class Cart {\n  add(item) {\n    return item;\n  }\n\n"
        "  total() {\n    return 0;\n  }\n}\n\nexport function keep() {\n  return 1;\n}\n"
    )
    go_keep = "package shop\n\nfunc Keep() int {\n\treturn 1\n}\n"
    go_base = go_keep + "\nfunc Gone() int {\n\treturn 2\n}\n"
    reviewed = _input(
        tmp_path,
        {"cart.js": js_base, "shop.go": go_base},
        {
            "cart.js": js_base.replace("return 0;", "return 42;"),
            "shop.go": go_keep,
        },
    )

    assert {(s.path, s.name, s.change) for s in review_facts(reviewed).symbols} == {
        ("cart.js", "Cart.total", "changed"),
        ("shop.go", "Gone", "removed"),
    }


PYPROJECT = '[project]\nname = "demo"\nversion = "1.0"\ndependencies = ["flask>=2"]\n'


def _uv_lock(packages: dict[str, str]) -> str:
    entries = "".join(
        f'\n[[package]]\nname = "{name}"\nversion = "{version}"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
        for name, version in packages.items()
    )
    return 'version = 1\nrequires-python = ">=3.11"\n' + entries


def test_a_uv_lock_only_bump_is_attributed_to_the_lock_file_not_the_manifest(
    tmp_path: Path,
) -> None:
    reviewed = _input(
        tmp_path,
        {"pyproject.toml": PYPROJECT, "uv.lock": _uv_lock({"flask": "2.0.1", "werkzeug": "2.0.0"})},
        {"pyproject.toml": PYPROJECT, "uv.lock": _uv_lock({"flask": "2.1.0", "werkzeug": "2.1.2"})},
    )

    assert review_facts(reviewed).dependencies == [
        DependencyMove(
            name="flask",
            ecosystem="pypi",
            manifest=None,
            lock="uv.lock",
            before="2.0.1",
            after="2.1.0",
            direct=True,
            change="upgraded",
        ),
        DependencyMove(
            name="werkzeug",
            ecosystem="pypi",
            manifest=None,
            lock="uv.lock",
            before="2.0.0",
            after="2.1.2",
            direct=False,
            change="upgraded",
        ),
    ]
    text = _markdown(reviewed)
    assert "`flask` upgraded 2.0.1 → 2.1.0 (pypi, `uv.lock`, lock file only)" in text
    assert "`werkzeug` upgraded 2.0.0 → 2.1.2 (pypi, `uv.lock`, lock file only, transitive)" in text
    assert "pyproject.toml" not in text


def test_a_dependency_added_to_the_manifest_and_its_lock_names_both(tmp_path: Path) -> None:
    head = PYPROJECT.replace('["flask>=2"]', '["flask>=2", "requests>=2.31"]')
    reviewed = _input(
        tmp_path,
        {"pyproject.toml": PYPROJECT, "uv.lock": _uv_lock({"flask": "2.0.1"})},
        {"pyproject.toml": head, "uv.lock": _uv_lock({"flask": "2.0.1", "requests": "2.32.3"})},
    )

    [move] = review_facts(reviewed).dependencies
    assert (move.name, move.manifest, move.lock, move.before, move.after, move.direct) == (
        "requests",
        "pyproject.toml",
        "uv.lock",
        None,
        "2.32.3",
        True,
    )
    assert "`requests` 2.32.3 added (pypi, `pyproject.toml`, `uv.lock`)" in _markdown(reviewed)


def test_a_requirement_given_a_range_is_changed_not_added_nor_downgraded(tmp_path: Path) -> None:
    base = PYPROJECT.replace('["flask>=2"]', '["flask>=2", "sphinx"]')
    base += '\n[build-system]\nrequires = ["flit_core<4"]\n'
    head = base.replace('"sphinx"', '"sphinx<9"').replace("flit_core<4", "flit_core>=3.11,<4")
    reviewed = _input(tmp_path, {"pyproject.toml": base}, {"pyproject.toml": head})

    moves = {m.name: (m.change, m.before, m.after) for m in review_facts(reviewed).dependencies}
    assert moves == {
        "flit_core": ("changed", "<4", ">=3.11,<4"),
        "sphinx": ("changed", "*", "<9"),
    }
    assert "`sphinx` changed any version → &lt;9 (pypi, `pyproject.toml`)" in _markdown(reviewed)


def test_npm_and_go_manifests_pair_with_their_lock_files(tmp_path: Path) -> None:
    def package_json(spec: str) -> str:
        return json.dumps({"name": "web", "dependencies": {"left-pad": spec}})

    def package_lock(version: str) -> str:
        packages = {
            "": {"name": "web", "dependencies": {"left-pad": "^1.0.0"}},
            "node_modules/left-pad": {"version": version},
            "node_modules/tiny": {"version": "1.0.0"},
        }
        return json.dumps({"name": "web", "lockfileVersion": 3, "packages": packages})

    go_mod = "module example.com/shop\n\ngo 1.21\n\nrequire github.com/pkg/errors v0.9.1\n"
    go_sum = "golang.org/x/sys v0.1.0 h1:aaa=\ngolang.org/x/sys v0.1.0/go.mod h1:bbb=\n"
    reviewed = _input(
        tmp_path,
        {
            "web/package.json": package_json("^1.0.0"),
            "web/package-lock.json": package_lock("1.0.0"),
            "go.mod": go_mod,
            "go.sum": go_sum,
        },
        {
            "web/package.json": package_json("^1.3.0"),
            "web/package-lock.json": package_lock("1.3.0"),
            "go.mod": go_mod.replace("v0.9.1", "v0.9.2"),
            "go.sum": go_sum.replace("v0.1.0", "v0.2.0"),
        },
    )

    moves = {m.name: m for m in review_facts(reviewed).dependencies}
    assert set(moves) == {"left-pad", "github.com/pkg/errors", "golang.org/x/sys"}
    pad = moves["left-pad"]
    assert (pad.manifest, pad.lock, pad.before, pad.after, pad.direct) == (
        "web/package.json",
        "web/package-lock.json",
        "1.0.0",
        "1.3.0",
        True,
    )
    errors = moves["github.com/pkg/errors"]
    assert (errors.manifest, errors.lock, errors.before, errors.after) == (
        "go.mod",
        None,
        "v0.9.1",
        "v0.9.2",
    )
    sys_move = moves["golang.org/x/sys"]
    assert (sys_move.manifest, sys_move.lock, sys_move.direct) == (None, "go.sum", False)


WORKFLOW = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n"


def test_each_file_is_in_one_section_and_each_dependency_listed_once(tmp_path: Path) -> None:
    reviewed = _input(
        tmp_path,
        {
            ".github/workflows/ci.yml": WORKFLOW,
            "app/auth.py": "TTL = 1\n",
            "app/core.py": "X = 1\n",
            "requirements.txt": "flask==2.0.1\n",
        },
        {
            ".github/workflows/ci.yml": WORKFLOW.replace("push", "pull_request"),
            ".github/workflows/release.yml": WORKFLOW,
            "app/auth.py": "TTL = 2\n",
            "app/core.py": "X = 2\n",
            "requirements.txt": "flask==3.0.0\nrequests==2.31.0\n",
            "tests/test_core.py": "def test_x():\n    pass\n",
            "docs/index.md": "# Docs\n",
        },
    )

    facts = review_facts(reviewed)
    assert facts.sections == {
        "CI configuration": [".github/workflows/ci.yml", ".github/workflows/release.yml"],
        "Dependencies": ["requirements.txt"],
        "Tests": ["tests/test_core.py"],
        "Documentation": ["docs/index.md"],
        "Security-sensitive": ["app/auth.py"],
        "Code": ["app/core.py"],
    }
    assert facts.risks == [
        "1 security-sensitive file changed (see Files changed).",
        "2 CI configuration files changed (see Files changed).",
        "1 new direct dependency (under Dependencies).",
    ]
    text = _markdown(reviewed)
    for path in (".github/workflows/ci.yml", "app/auth.py", "tests/test_core.py"):
        # In its section; a symbol's place ("`test_x` in `tests/test_core.py`") aside.
        assert text.count(f"`{path}`") - text.count(f" in `{path}`") == 1, path
    assert text.count("`flask`") == 1 and text.count("`requests`") == 1
    workflows = "`.github/workflows/ci.yml`, `.github/workflows/release.yml`"
    assert f"- **CI configuration**: {workflows}" in text
    section = describe_section(reviewed)
    assert section.count("`.github/workflows/ci.yml`") == 1
    assert section.count("`flask`") == 1


def test_the_json_review_carries_the_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VIBE_LLM_MODEL", raising=False)
    world = two_commits(
        tmp_path / "repo",
        {"tests/test_math.py": TESTS_BASE, "uv.lock": _uv_lock({"flask": "2.0.1"})},
        {"tests/test_math.py": TESTS_HEAD, "uv.lock": _uv_lock({"flask": "2.1.0"})},
    )
    args = ["review", str(world.path), "--base", "main", "--head", "feature", "--no-analyze"]

    code = main([*args, "--format", "json"])

    facts = json.loads(capsys.readouterr().out)["facts"]
    assert code == 0
    assert [(s["name"], s["change"]) for s in facts["symbols"]] == [
        ("test_second", "removed"),
        ("test_fourth", "removed"),
    ]
    [move] = facts["dependencies"]
    assert (move["manifest"], move["lock"], move["direct"]) == (None, "uv.lock", False)
    assert facts["sections"] == {"Dependencies": ["uv.lock"], "Tests": ["tests/test_math.py"]}
