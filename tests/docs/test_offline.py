"""The offline generator on a real-looking project with a README a person wrote."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from app.agents.docs.agent import DocsOptions
from app.agents.docs.result import pull_request_body

from .conftest import HUMAN_README
from .helpers import apply, edit_of, run_docs

BLOCK = re.compile(r"<!-- vibe:docs:start ([\w-]+) -->\n.*?<!-- vibe:docs:end \1 -->\n", re.S)


async def test_every_line_a_person_wrote_is_kept_byte_for_byte(project: Path) -> None:
    result = await run_docs(project)

    readme = edit_of(result, "README.md")
    assert readme.startswith(HUMAN_README)
    assert BLOCK.sub("", readme[len(HUMAN_README) :]).strip() == ""


async def test_sections_the_readme_already_has_get_no_block(project: Path) -> None:
    result = await run_docs(project)

    readme = edit_of(result, "README.md")
    assert "vibe:docs:start installation" not in readme  # "## Install"
    assert "vibe:docs:start overview" not in readme  # the paragraph under the title
    assert result.summary.sections_by_human == ["overview", "installation"]
    assert result.summary.sections_written == [
        "usage",
        "configuration",
        "tech-stack",
        "layout",
        "testing",
    ]


async def test_sections_say_what_the_repository_holds(project: Path) -> None:
    result = await run_docs(project)

    readme = edit_of(result, "README.md")
    assert '| `INVENTORY_DB` | `"inventory.sqlite"` | `inventory/store.py` |' in readme
    assert "`INVENTORY_VERBOSE`" in readme
    assert "TEST_ONLY_TOKEN" not in readme  # read only by a test
    assert "`inventory --help`" in readme
    assert "SQLAlchemy `>=2.0` (orm)" in readme
    assert "Python (>=3.11)" in readme
    assert "make test" in readme
    assert result.summary.dropped_sentences == 0


async def test_a_second_run_over_its_own_output_changes_nothing(project: Path) -> None:
    apply(project, await run_docs(project))

    again = await run_docs(project)

    assert again.edits == []
    assert again.unified_diff() == ""


async def test_without_a_readme_one_is_created_with_every_section(bare_project: Path) -> None:
    result = await run_docs(bare_project)

    readme = edit_of(result, "README.md")
    assert readme.startswith("# inventory\n\n<!-- vibe:docs:start overview -->\n## Overview\n")
    assert "Stock levels for a small shop." in readme
    assert 'pip install -e ".[dev]"' in readme
    assert result.summary.sections_written[:2] == ["overview", "installation"]


async def test_a_block_is_replaced_and_removed_once_a_person_writes_that_section(
    project: Path,
) -> None:
    apply(project, await run_docs(project))
    readme_path = project / "README.md"
    text = readme_path.read_text(encoding="utf-8")
    text = text.replace("`INVENTORY_DB`", "`STALE`")
    readme_path.write_text(text + "\n## Running tests\n\nUse tox.\n", encoding="utf-8")

    result = await run_docs(project)

    readme = edit_of(result, "README.md")
    assert "`STALE`" not in readme and "`INVENTORY_DB`" in readme
    assert "vibe:docs:start testing" not in readme
    assert readme.endswith("## Running tests\n\nUse tox.\n")


async def test_api_doc_lists_public_signatures_and_first_docstring_lines(project: Path) -> None:
    result = await run_docs(project)

    api = edit_of(result, "docs/api.md")
    assert "- `def load_store(path: str = DEFAULT_PATH) -> Store` — Open the stock book" in api
    assert "  - `def add_item(self, name: str, count: int = 1) -> int`" in api
    assert "- `class Store` — An in-memory stock book." in api
    assert "_helper" not in api and "_private" not in api and "test_add_item" not in api
    assert '`async function fetchLevel(name: string, base = "/api"): Promise<number>`' in api
    assert "Fetch the stock level of one item." in api
    assert "`const formatLevel = (count: number): string`" in api
    assert "internal" not in api


async def test_docstrings_are_inserted_and_the_rest_of_the_file_is_untouched(
    project: Path,
) -> None:
    original = (project / "inventory/store.py").read_text(encoding="utf-8")

    result = await run_docs(project)

    store = edit_of(result, "inventory/store.py")
    tree = ast.parse(store)
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert ast.get_docstring(functions["add_item"]) is None  # nothing to say beyond its name
    assert ast.get_docstring(functions["total_count"]) == "Return ``sum(self.levels.values())``."
    assert ast.get_docstring(functions["is_low"]) == "Return ``count < threshold``."
    assert ast.get_docstring(functions["_private"]) is None
    added = [line for line in store.splitlines() if '"""' in line and line not in original]
    kept = [
        line
        for line in store.splitlines(keepends=True)
        if line.strip() not in {a.strip() for a in added}
    ]
    assert "".join(kept) == original
    assert result.summary.docstrings_added == 2


async def test_docstrings_can_be_left_out(project: Path) -> None:
    result = await run_docs(project, DocsOptions(docstrings=False))

    assert [edit.path for edit in result.edits] == ["README.md", "docs/api.md"]


async def test_pull_request_body_counts_what_was_dropped(project: Path) -> None:
    result = await run_docs(project)

    body = pull_request_body(result.summary)
    assert "Sentences dropped by the grounding check: 0" in body
    assert "Written by: offline" in body
    assert "Docstrings added: 2" in body


async def test_symlinks_ignored_huge_and_binary_files_are_never_read(
    project: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "outside.py"
    secret.write_text("def leaked_outside():\n    return 1\n", encoding="utf-8")
    (project / "inventory" / "linked.py").symlink_to(secret)
    (project / "inventory" / "huge.py").write_text(
        "def in_huge_file():\n    pass\n" + "# padding\n" * 80_000, encoding="utf-8"
    )
    (project / "inventory" / "blob.py").write_bytes(b"def in_binary():\n\x00\x01\n")
    (project / ".gitignore").write_text("inventory/ignored.py\n", encoding="utf-8")
    (project / "inventory" / "ignored.py").write_text("def ignored_fn():\n    pass\n")

    result = await run_docs(project)

    everything = result.unified_diff()
    for name in ("leaked_outside", "in_huge_file", "in_binary", "ignored_fn"):
        assert name not in everything
    assert {edit.path for edit in result.edits} == {
        "README.md",
        "docs/api.md",
        "inventory/store.py",
    }


async def test_crlf_python_files_get_crlf_docstrings(project: Path) -> None:
    path = project / "inventory" / "store.py"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

    result = await run_docs(project)

    store = edit_of(result, "inventory/store.py")
    assert '\r\n    """Return ``count < threshold``."""\r\n' in store
    assert "\n" not in store.replace("\r\n", "")


async def test_a_readme_with_a_broken_marker_is_left_alone_with_a_warning(
    project: Path,
) -> None:
    readme = project / "README.md"
    readme.write_text(HUMAN_README + "<!-- vibe:docs:start usage -->\n", encoding="utf-8")

    result = await run_docs(project)

    assert "README.md" not in {edit.path for edit in result.edits}
    assert result.summary.warnings == [
        "README.md line 17: vibe:docs:start usage is never closed; add "
        "<!-- vibe:docs:end usage --> after the block or remove the marker"
    ]


async def test_a_typescript_and_go_project_is_described_from_its_manifests(
    polyglot_project: Path,
) -> None:
    result = await run_docs(polyglot_project)

    readme = edit_of(result, "README.md")
    assert "- `npm start`: the `start` script of `package.json`" in readme
    assert "- `go run ./cmd/server`: run the program" in readme
    assert "- `docker build -t acme-shop .`: build the container image" in readme
    assert '| `SHOP_DB_URL` | `"postgres://localhost/shop"` | `.env.example` |' in readme
    assert "| `PORT` | — | `src/index.ts` |" in readme
    assert "- TypeScript (Node.js >=20): 1 file" in readme
    assert "```sh\nnpm install\nnpm test\n```\n\nAlso available: `go test ./...`." in readme
    assert "```sh\nnpm install @acme/shop\n```" in readme
    assert "```sh\ngo get github.com/acme/shop\n```" in readme
    assert result.summary.dropped_sentences == 0
    api = edit_of(result, "docs/api.md")
    assert "### `github.com/acme/shop/internal/db`" in api
    assert "- `func Connect(url string) error` — Connect opens a connection." in api
