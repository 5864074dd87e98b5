"""Rust: ``Cargo.toml`` (dependencies, dev-, build- and target-specific tables, workspace
inheritance) and ``Cargo.lock``."""

from __future__ import annotations

import posixpath

from app.models.scan import DependencyScope, License

from .documents import as_list, as_table, as_text, table_at
from .parsed import ManifestError, ParseContext, ParsedFile
from .spdx import manifest_license
from .tomldoc import TomlKey, TomlLines, load_toml

_SECTIONS: dict[str, DependencyScope] = {
    "dependencies": "runtime",
    "dev-dependencies": "dev",
    "dev_dependencies": "dev",
    "build-dependencies": "build",
    "build_dependencies": "build",
}


def parse_cargo_toml(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "cargo", "manifest")
    document, lines = load_toml(text)
    workspace = _workspace_root(path, document, context)
    tables: list[tuple[TomlKey, dict[str, object], DependencyScope]] = []
    for section, scope in _SECTIONS.items():
        tables.append(((section,), as_table(document.get(section)), scope))
    for target, target_table in as_table(document.get("target")).items():
        for section, scope in _SECTIONS.items():
            tables.append((("target", target, section), table_at(target_table, section), scope))
    for key, dependencies, scope in tables:
        for alias, spec in dependencies.items():
            _add(result, lines, (*key, alias), alias, spec, scope, workspace)
    result.licenses.extend(_licenses(path, document, workspace))
    return result


def _add(
    result: ParsedFile,
    lines: TomlLines,
    key: TomlKey,
    alias: str,
    spec: object,
    scope: DependencyScope,
    workspace: dict[str, object],
) -> None:
    table = as_table(spec)
    if table.get("workspace") is True:
        inherited = table_at(workspace, "workspace", "dependencies").get(alias)
        version_only = as_text(inherited)
        inherited_table = {"version": version_only} if version_only else as_table(inherited)
        table = spec = {**inherited_table, **table}
    version = as_text(spec) or next(
        (as_text(table[field]) for field in ("version", "git", "path") if field in table), None
    )
    name = as_text(table.get("package")) or alias  # `alias = { package = "real-name" }`
    result.add(
        name,
        version,
        line=lines.key_line(key),
        scope="optional" if table.get("optional") is True and scope == "runtime" else scope,
    )


def _workspace_root(
    path: str, document: dict[str, object], context: ParseContext
) -> dict[str, object]:
    """The ``[workspace]`` manifest a member inherits from: itself or the nearest ancestor."""
    if "workspace" in document:
        return document
    directory = posixpath.dirname(path)
    while directory:
        directory = posixpath.dirname(directory)
        text = context.read_text(posixpath.join(directory, "Cargo.toml"))
        if text is None:
            continue
        try:
            parent, _ = load_toml(text)
        except ManifestError:
            return {}  # reported when that file itself is parsed
        if "workspace" in parent:
            return parent
    return {}


def _licenses(
    path: str, document: dict[str, object], workspace: dict[str, object]
) -> list[License]:
    package = as_table(document.get("package"))
    value = package.get("license")
    if as_table(value).get("workspace") is True:
        value = table_at(workspace, "workspace", "package").get("license")
    text = as_text(value)
    licence = manifest_license(text, path) if text else None
    return [licence] if licence else []


def parse_cargo_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "cargo", "lockfile")
    document, lines = load_toml(text)
    tables = lines.array_tables(("package",))
    for index, entry in enumerate(as_list(document.get("package"))):
        package = as_table(entry)
        name, version = as_text(package.get("name")), as_text(package.get("version"))
        if not name or not version or "source" not in package:
            continue  # no source: a crate of this workspace, not a dependency
        line = lines.key_in(tables[index], ("name",)) if index < len(tables) else None
        result.add_locked(name, version, line=line)
    return result
