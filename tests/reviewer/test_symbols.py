"""The touched symbols' definitions: read from the head commit of a real two-commit repository,
shown to the model after each file's hunks (as delimited data), capped, and named by the
offline reviewer."""

from __future__ import annotations

import json
from pathlib import Path

from app.agents.docs.model import ModelConfig
from app.agents.docs.store import FileCompletionCache, MemoryTokenBudget
from app.agents.reviewer.agent import ReviewOptions, review_changes
from app.agents.reviewer.gitdiff import review_input
from app.agents.reviewer.models import ReviewInput
from app.agents.reviewer.offline import offline_summary
from app.agents.reviewer.symbols import MAX_DEFINITION_LINES, touched_definitions
from tests.fakes.llm import API_KEY, FakeLLM
from tests.reviewer.conftest import MODEL, two_commits

_PADDING = "".join(f"        step_{n} = len(values) + {n}\n" for n in range(8))

BASE_CONFIG = f'''"""Configuration files."""

TIMEOUT = 5


class Loader:
    """Loads configuration."""

    def __init__(self, root):
        self.root = root

    def parse_config(self, text):
        values = {{}}
{_PADDING}        for line in text.splitlines():
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
{_PADDING}        return values
'''


def _definitions_of(tmp_path: Path, base: dict[str, str], head: dict[str, str]) -> ReviewInput:
    world = two_commits(tmp_path / "repo", base, head)
    return review_input(world.repo, world.base_sha, world.head_sha)


def _method_change(tmp_path: Path) -> ReviewInput:
    head = BASE_CONFIG.replace("values[key.strip()]", "values[key.strip().lower()]")
    return _definitions_of(tmp_path, {"config.py": BASE_CONFIG}, {"config.py": head})


async def _prompt(fake_llm: FakeLLM, tmp_path: Path, reviewed: ReviewInput) -> str:
    fake_llm.reply_next(json.dumps({"summary": "Looks right.", "risks": [], "comments": []}))
    config = ModelConfig(
        models=(MODEL,), api_base=fake_llm.api_base, api_key=API_KEY, num_retries=0, timeout=10
    )
    await review_changes(
        reviewed,
        ReviewOptions(model=config),
        cache=FileCompletionCache(tmp_path / "cache"),
        budget=MemoryTokenBudget(None),
    )
    [request] = fake_llm.requests
    user = request.body["messages"][1]["content"]
    opening = user.split("<<<DATA ", 1)[1]
    nonce = opening.split("\n", 1)[0]
    return opening.split(f"DATA {nonce}>>>", 1)[0]


def test_a_change_inside_a_method_touches_the_method_and_its_class_signature(
    tmp_path: Path,
) -> None:
    [diff] = _method_change(tmp_path).files

    names = [(d.name, d.kind, d.signature_only) for d in diff.definitions]
    assert names == [("Loader", "class", True), ("Loader.parse_config", "method", False)]
    loader, method = diff.definitions
    assert loader.source == "class Loader:"
    assert method.source.startswith("    def parse_config(self, text):")
    assert method.source.endswith("        return values")
    assert (method.start_line, method.end_line) == (12, 33)
    assert not method.in_diff and not method.truncated


async def test_the_model_reads_the_method_and_class_signature_after_the_hunks(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    data = await _prompt(fake_llm, tmp_path, _method_change(tmp_path))

    hunks, definitions = data.split("--- definitions in config.py", 1)
    assert "values[key.strip().lower()]" in hunks and "return values" not in hunks
    assert "# class Loader (lines 6-33, signature only)\nclass Loader:\n" in definitions
    assert "# method Loader.parse_config (lines 12-33)\n    def parse_config(" in definitions
    assert "        return values\n" in definitions
    assert '"""Loads configuration."""' not in definitions  # the class's body stays out


async def test_a_module_level_change_brings_no_definition(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    head = BASE_CONFIG.replace("TIMEOUT = 5", "TIMEOUT = 10")
    reviewed = _definitions_of(tmp_path, {"config.py": BASE_CONFIG}, {"config.py": head})

    assert reviewed.files[0].definitions == []
    data = await _prompt(fake_llm, tmp_path, reviewed)
    assert "TIMEOUT = 10" in data and "--- definitions in" not in data


def test_a_huge_function_is_capped(tmp_path: Path) -> None:
    body = "".join(f"    total += {n}\n" for n in range(300))
    base = f"def accumulate():\n    total = 0\n{body}    return total\n"
    head = base.replace("total += 150\n", "total -= 150\n")
    [diff] = _definitions_of(tmp_path, {"sum.py": base}, {"sum.py": head}).files

    [definition] = diff.definitions
    assert definition.name == "accumulate" and definition.truncated
    assert (definition.start_line, definition.end_line) == (1, 303)
    assert len(definition.source.splitlines()) == MAX_DEFINITION_LINES


async def test_a_function_added_whole_is_named_but_not_repeated(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    head = BASE_CONFIG + "\n\ndef dump(values):\n    return repr(values)\n"
    reviewed = _definitions_of(tmp_path, {"config.py": BASE_CONFIG}, {"config.py": head})

    [definition] = reviewed.files[0].definitions
    assert definition.name == "dump" and definition.in_diff
    assert "--- definitions in" not in await _prompt(fake_llm, tmp_path, reviewed)
    assert "Added: `dump` in `config.py`." in offline_summary(reviewed)


def test_a_removed_line_touches_the_function_it_was_in(tmp_path: Path) -> None:
    head = BASE_CONFIG.replace('            key, _, value = line.partition("=")\n', "")
    [diff] = _definitions_of(tmp_path, {"config.py": BASE_CONFIG}, {"config.py": head}).files

    assert [d.name for d in diff.definitions] == ["Loader", "Loader.parse_config"]


def test_the_offline_summary_names_the_touched_symbols(tmp_path: Path) -> None:
    summary = offline_summary(_method_change(tmp_path))

    assert "Changed: `Loader.parse_config` in `config.py`." in summary
    assert "`Loader` in" not in summary  # the enclosing class is context, not a change


JS_BASE = """import { readFile } from "fs";

export const VERSION = "1.0";

export class Session {
  constructor(store) {
    this.store = store;
  }

  async load(id) {
    const raw = await this.store.get(id);
    if (!raw) {
      return null;
    }
    return JSON.parse(raw);
  }
}

export async function readConfig(path) {
  const text = await readFile(path, "utf8");
  return JSON.parse(text);
}

const double = (value) => {
  return value * 2;
};
"""


def test_javascript_methods_functions_and_arrow_functions_are_found() -> None:
    lines = JS_BASE.splitlines()
    touched = {lines.index("    const raw = await this.store.get(id);") + 1}
    touched.add(lines.index('  const text = await readFile(path, "utf8");') + 1)
    touched.add(lines.index("  return value * 2;") + 1)
    touched.add(lines.index('export const VERSION = "1.0";') + 1)

    found = touched_definitions("web/session.ts", JS_BASE, touched)

    assert [(d.name, d.kind, d.signature_only) for d in found] == [
        ("Session", "class", True),
        ("Session.load", "method", False),
        ("readConfig", "function", False),
        ("double", "function", False),
    ]
    session, load, read_config, double = found
    assert session.source == "export class Session {"
    assert load.source.splitlines()[0] == "  async load(id) {"
    assert load.source.splitlines()[-1] == "  }"
    assert read_config.source.endswith("  return JSON.parse(text);\n}")
    assert double.source.endswith("};")


def test_a_javascript_change_between_methods_touches_the_whole_class() -> None:
    found = touched_definitions(
        "session.js", JS_BASE.replace("\n\n  async", "\n  x = 1;\n  async"), {9}
    )

    assert [(d.name, d.signature_only) for d in found] == [("Session", False)]


GO_BASE = """package store

import "errors"

// Store keeps sessions.
type Store struct {
	items map[string]string
}

func (s *Store) Get(id string) (string, error) {
	value, ok := s.items[id]
	if !ok {
		return "", errors.New("missing")
	}
	return value, nil
}

func helper(n int) int {
	return n * 2
}
"""


def test_go_methods_functions_and_types_are_found(tmp_path: Path) -> None:
    head = GO_BASE.replace('errors.New("missing")', 'errors.New("no such session")').replace(
        "items map[string]string", "items map[string]string\n\tmax   int"
    )
    [diff] = _definitions_of(tmp_path, {"store/store.go": GO_BASE}, {"store/store.go": head}).files

    assert [(d.name, d.kind) for d in diff.definitions] == [
        ("Store", "class"),
        ("Store.Get", "method"),
    ]
    store, get = diff.definitions
    assert store.in_diff  # five lines, all shown by the hunk
    assert get.source.splitlines()[0] == "func (s *Store) Get(id string) (string, error) {"
    assert get.source.endswith("\treturn value, nil\n}")

    [helper] = touched_definitions("store/store.go", GO_BASE, {19})
    assert (helper.name, helper.kind, helper.source) == (
        "helper",
        "function",
        "func helper(n int) int {\n\treturn n * 2\n}",
    )


def test_files_of_other_languages_and_broken_python_have_no_definitions() -> None:
    assert touched_definitions("README.md", "# title\n", {1}) == []
    assert touched_definitions("broken.py", "def f(:\n    pass\n", {2}) == []


def test_one_line_declarations_end_on_their_line() -> None:
    go = "package ids\n\ntype ID int\n\nvar (\n\tfirst = ID(1)\n)\n"
    arrow = "export const half = (n) => n / 2;\nconsole.log(half(4));\n"

    [type_id] = touched_definitions("ids/ids.go", go, {3})
    [half] = touched_definitions("half.js", arrow, {1})

    assert (type_id.name, type_id.kind, type_id.end_line) == ("ID", "type", 3)
    assert (half.name, half.end_line, half.source) == ("half", 1, arrow.splitlines()[0])
    assert touched_definitions("ids/ids.go", go, {6}) == []


def test_calls_inside_a_class_field_are_not_taken_for_methods() -> None:
    source = (
        "class Registry {\n"
        "  static handlers = build(\n"
        "    register(1),\n"
        "  );\n"
        "\n"
        "  lookup(name) {\n"
        "    return Registry.handlers[name];\n"
        "  }\n"
        "}\n"
    )

    assert [d.name for d in touched_definitions("registry.ts", source, {3})] == ["Registry"]
    found = touched_definitions("registry.ts", source, {7})
    assert [(d.name, d.signature_only) for d in found] == [
        ("Registry", True),
        ("Registry.lookup", False),
    ]
