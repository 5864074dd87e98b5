"""Python lock files: ``Pipfile.lock`` (JSON), ``poetry.lock`` and ``uv.lock`` (TOML)."""

from __future__ import annotations

from app.models.scan import DependencyScope

from .documents import as_list, as_table, as_text
from .jsondoc import load_json
from .parsed import ParseContext, ParsedFile
from .tomldoc import load_toml


def parse_pipfile_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "pypi", "lockfile")
    document = load_json(text, max_depth=2)
    sections: tuple[tuple[str, DependencyScope], ...] = (("default", "runtime"), ("develop", "dev"))
    for section, scope in sections:
        for name, entry in as_table(as_table(document.value).get(section)).items():
            table = as_table(entry)
            version = as_text(table.get("version")) or as_text(table.get("ref"))
            if version:
                version = version.removeprefix("===").removeprefix("==")
                result.add_locked(name, version, line=document.line(section, name), scope=scope)
    return result


def parse_poetry_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    return _package_array_lock(path, text, "package")


def parse_uv_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    return _package_array_lock(path, text, "package", "distribution")


def _package_array_lock(path: str, text: str, *keys: str) -> ParsedFile:
    """``[[package]]`` tables with ``name`` and ``version``; early uv.lock files said
    ``[[distribution]]``. The project itself (an editable or virtual source) is skipped."""
    result = ParsedFile(path, "pypi", "lockfile")
    document, lines = load_toml(text)
    for key in keys:
        tables = lines.array_tables((key,))
        for index, entry in enumerate(as_list(document.get(key))):
            package = as_table(entry)
            name, version = as_text(package.get("name")), as_text(package.get("version"))
            source = as_table(package.get("source"))
            if not name or not version or "editable" in source or "virtual" in source:
                continue
            line = lines.key_in(tables[index], ("name",)) if index < len(tables) else None
            scope: DependencyScope = "runtime"
            if package.get("category") == "dev":  # poetry.lock before 1.5
                scope = "dev"
            elif package.get("optional") is True:
                scope = "optional"
            result.add_locked(name, version, line=line, scope=scope)
    return result
