"""A real-looking project for the docs agent: a Python package with a console script, settings
read from the environment, tests, a Makefile, a TypeScript client and a README a person wrote."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

# The trailing spaces (a Markdown line break) must survive byte for byte.
HUMAN_README = (
    "# inventory\n"
    "\n"
    "[![CI](https://example.org/badge.svg)](https://example.org/ci)\n"
    "\n"
    "Inventory keeps track of stock levels in a small shop.   \n"
    """\
It was written over a weekend.

## Install

```sh
pip install inventory
```

## Contributing

Open an issue first, please.
"""
)

FILES: dict[str, str] = {
    "pyproject.toml": """\
        [build-system]
        requires = ["setuptools>=69"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "inventory"
        version = "1.2.0"
        description = "Stock levels for a small shop"
        requires-python = ">=3.11"
        dependencies = ["click>=8.1", "SQLAlchemy>=2.0"]

        [project.optional-dependencies]
        dev = ["pytest>=8.0"]

        [project.scripts]
        inventory = "inventory.cli:main"
        """,
    "inventory/__init__.py": '''\
        """Stock levels: items, counts and the command line."""
        ''',
    "inventory/store.py": '''\
        """Where stock levels are kept."""

        from __future__ import annotations

        import os

        DEFAULT_PATH = os.environ.get("INVENTORY_DB", "inventory.sqlite")


        class Store:
            """An in-memory stock book."""

            def __init__(self) -> None:
                self.levels: dict[str, int] = {}

            def add_item(self, name: str, count: int = 1) -> int:
                self.levels[name] = self.levels.get(name, 0) + count
                return self.levels[name]

            @property
            def total_count(self) -> int:
                return sum(self.levels.values())

            def _private(self) -> None:
                pass


        def load_store(path: str = DEFAULT_PATH) -> Store:
            """Open the stock book at ``path``."""
            return Store()


        def is_low(count: int, threshold: int = 3) -> bool:
            # Below the threshold the shop reorders.
            return count < threshold


        def _helper() -> None:
            pass
        ''',
    "inventory/cli.py": '''\
        """The ``inventory`` command."""

        import os


        def main(argv: list[str] | None = None) -> int:
            verbose = os.getenv("INVENTORY_VERBOSE")
            return 0 if verbose is None else 1
        ''',
    "tests/test_store.py": """\
        import os

        from inventory.store import Store

        TOKEN = os.environ.get("TEST_ONLY_TOKEN")


        def test_add_item():
            assert Store().add_item("apple") == 1
        """,
    "Makefile": """\
        .PHONY: test lint
        test:
        \tpytest -q
        lint:
        \truff check .
        """,
    "web/client.ts": """\
        /** Fetch the stock level of one item. */
        export async function fetchLevel(name: string, base = "/api"): Promise<number> {
          return 0;
        }

        export const formatLevel = (count: number): string => `${count} left`;

        export interface Level {
          name: string;
        }

        function internal(): void {}
        """,
}


POLYGLOT_FILES: dict[str, str] = {
    "package.json": """\
        {"name": "@acme/shop", "version": "1.0.0", "description": "Shop front end",
         "engines": {"node": ">=20"},
         "scripts": {"start": "node dist/index.js", "build": "tsc", "test": "vitest run"},
         "dependencies": {"express": "^4.18.2"},
         "devDependencies": {"typescript": "^5.3.0", "vitest": "^1.0.0"}}
        """,
    "src/index.ts": """\
        import express from "express";
        const port = Number(process.env.PORT ?? 3000);
        /** Build the HTTP app. */
        export function createApp(): express.Express {
          return express();
        }
        """,
    "go.mod": "module github.com/acme/shop\n\ngo 1.22\n",
    "cmd/server/main.go": """\
        package main

        import "os"

        func main() { _ = os.Getenv("SHOP_DB_URL") }
        """,
    "internal/db/db.go": """\
        // Package db talks to the database.
        package db

        // Connect opens a connection.
        func Connect(url string) error { return nil }
        """,
    ".env.example": "SHOP_DB_URL=postgres://localhost/shop\n",
    "Dockerfile": "FROM node:20\nCOPY . .\n",
}


def write_project(root: Path, files: dict[str, str], readme: str | None) -> Path:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    if readme is not None:
        (root / "README.md").write_bytes(readme.encode("utf-8"))
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "inventory", FILES, HUMAN_README)


@pytest.fixture
def bare_project(tmp_path: Path) -> Path:
    """The same code without a README."""
    return write_project(tmp_path / "bare", FILES, None)


@pytest.fixture
def polyglot_project(tmp_path: Path) -> Path:
    """A TypeScript service with a Go command beside it, no README."""
    return write_project(tmp_path / "shop", POLYGLOT_FILES, None)
