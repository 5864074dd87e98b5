"""npm manifests: ``package.json`` and ``package-lock.json`` / ``npm-shrinkwrap.json``
(lockfileVersion 1's nested ``dependencies``, 2 and 3's flat ``packages``)."""

from __future__ import annotations

from app.models.scan import DependencyScope, License

from .documents import as_list, as_table, as_text
from .jsondoc import JsonDocument, load_json, parse_json
from .parsed import ParseContext, ParsedFile
from .spdx import manifest_license

_SECTIONS: tuple[tuple[str, DependencyScope], ...] = (
    ("dependencies", "runtime"),
    ("devDependencies", "dev"),
    ("optionalDependencies", "optional"),
    ("peerDependencies", "runtime"),
)


def parse_package_json(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "npm", "manifest")
    document = load_json(text, max_depth=2)
    package = as_table(document.value)
    peer_meta = as_table(package.get("peerDependenciesMeta"))
    for section, section_scope in _SECTIONS:
        for name, spec in as_table(package.get(section)).items():
            scope = section_scope
            if section == "peerDependencies" and as_table(peer_meta.get(name)).get("optional"):
                scope = "optional"
            result.add(name, as_text(spec), line=document.line(section, name), scope=scope)
    result.licenses.extend(_licenses(path, package))
    return result


def _licenses(path: str, package: dict[str, object]) -> list[License]:
    values = [package.get("license"), *as_list(package.get("licenses"))]
    found: list[License] = []
    for value in values:
        text = as_text(value) or as_text(as_table(value).get("type"))
        licence = manifest_license(text, path) if text else None
        if licence is not None:
            found.append(licence)
    return found


def parse_package_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "npm", "lockfile")
    value = parse_json(text)
    lock = as_table(value)
    # Version 2 and 3 locks are asked only for ("packages", location): their thousands of
    # package bodies need no line numbers.
    document = JsonDocument(value, text, max_depth=2 if "packages" in lock else 4)
    if "packages" in lock:
        _packages(result, document, as_table(lock["packages"]))
    else:
        _nested(result, document, as_table(lock.get("dependencies")), ("dependencies",))
    return result


def _scope(entry: dict[str, object]) -> DependencyScope:
    if entry.get("dev") is True or entry.get("devOptional") is True:
        return "dev"
    return "optional" if entry.get("optional") is True else "runtime"


def _packages(result: ParsedFile, document: JsonDocument, packages: dict[str, object]) -> None:
    """lockfileVersion 2 and 3: keys are install locations such as ``node_modules/a`` or,
    in workspaces, ``packages/web/node_modules/a``."""
    for location, entry in packages.items():
        if "node_modules/" not in location:
            continue  # the root project or a workspace member itself
        table = as_table(entry)
        version = as_text(table.get("version"))
        if table.get("link") is True or not version:
            continue
        owner, _, name = location.rpartition("node_modules/")
        owner = owner.rstrip("/")
        if "node_modules" not in owner:
            result.importers.setdefault(owner, {})[name] = version
        line = document.line("packages", location)
        result.add_locked(name, version, line=line, scope=_scope(table))


def _nested(
    result: ParsedFile,
    document: JsonDocument,
    dependencies: dict[str, object],
    path: tuple[str, ...],
) -> None:
    """lockfileVersion 1: ``dependencies`` nested where npm could not hoist a version."""
    for name, entry in dependencies.items():
        table = as_table(entry)
        version = as_text(table.get("version"))
        if version and not table.get("bundled"):
            if len(path) == 1:
                result.importers.setdefault("", {})[name] = version
            line = document.line(*path, name)
            result.add_locked(name, version, line=line, scope=_scope(table))
        nested = as_table(table.get("dependencies"))
        if nested and len(path) < 32:
            _nested(result, document, nested, (*path, name, "dependencies"))
