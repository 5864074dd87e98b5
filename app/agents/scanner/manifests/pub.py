"""Dart and Flutter: ``pubspec.yaml`` and ``pubspec.lock``."""

from __future__ import annotations

from app.models.scan import DependencyScope

from .documents import as_table, as_text
from .parsed import ParseContext, ParsedFile
from .yamldoc import load_yaml

_SECTIONS: tuple[tuple[str, DependencyScope], ...] = (
    ("dependencies", "runtime"),
    ("dev_dependencies", "dev"),
)


def parse_pubspec(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "pub", "manifest")
    document = load_yaml(text, max_depth=2)
    pubspec = as_table(document.value)
    for section, scope in _SECTIONS:
        for name, spec in as_table(pubspec.get(section)).items():
            table = as_table(spec)
            # "^1.2.0", null (any), {sdk: flutter}, {git: ...}, {path: ...}, {hosted, version}
            version = as_text(spec) or as_text(table.get("version"))
            if version is None and "git" in table:
                version = as_text(table["git"]) or as_text(as_table(table["git"]).get("url"))
            if version is None and "path" in table:
                version = as_text(table["path"])
            result.add(name, version, line=document.line(section, name), scope=scope)
    return result


def parse_pubspec_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "pub", "lockfile")
    document = load_yaml(text, max_depth=2)
    for name, entry in as_table(as_table(document.value).get("packages")).items():
        package = as_table(entry)
        version = as_text(package.get("version"))
        if not version:
            continue
        scope: DependencyScope = "dev" if package.get("dependency") == "direct dev" else "runtime"
        result.add_locked(name, version, line=document.line("packages", name), scope=scope)
    return result
