"""Gradle build scripts (Groovy ``build.gradle`` and Kotlin ``build.gradle.kts``), the
``gradle/libs.versions.toml`` version catalog and ``gradle.lockfile``.

Build scripts are programs, not data, so they are read at the token level: a configuration
name (``implementation``, ``testImplementation`` ...) followed by a coordinate string, a map
(``group: 'g', name: 'a', version: 'v'``), ``platform(...)``, ``kotlin("...")`` or a catalog
accessor (``libs.spring.boot.starter``). ``$var`` / ``${var}`` versions are filled from simple
``name = "value"`` assignments (``ext { }``, ``def``, ``val``) of the same script."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Literal

from app.models.scan import DependencyScope

from .documents import as_list, as_table, as_text
from .parsed import ManifestError, ParseContext, ParsedFile
from .tomldoc import load_toml

CATALOG = "gradle/libs.versions.toml"

_RUNTIME_CONFIGURATIONS = {"implementation", "api", "compile", "runtime", "runtimeOnly"}
_BUILD_CONFIGURATIONS = {
    "compileOnly", "compileOnlyApi", "annotationProcessor", "kapt", "ksp", "classpath",
    "coreLibraryDesugaring", "lintChecks", "detektPlugins",
}  # fmt: skip
_SUFFIXES = ("Implementation", "Api", "CompileOnly", "RuntimeOnly", "AnnotationProcessor")
_SKIPPED_NOTATIONS = {"project", "files", "fileTree", "gradleApi", "localGroovy", "gradleTestKit"}


@dataclass(frozen=True)
class Token:
    kind: Literal["name", "string", "punct"]
    text: str
    line: int


@dataclass
class Catalog:
    libraries: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    bundles: dict[str, list[str]] = field(default_factory=dict)


def configuration_scope(name: str) -> DependencyScope | None:
    if "." in name:
        return None
    lowered = name.lower()
    if name in _RUNTIME_CONFIGURATIONS:
        return "runtime"
    if name in _BUILD_CONFIGURATIONS:
        return "build"
    if name == "developmentOnly":
        return "dev"
    if not (name.startswith("test") or name.startswith("androidTest") or name.endswith(_SUFFIXES)):
        return None
    if "test" in lowered:
        return "test"
    return "build" if name.endswith(("CompileOnly", "AnnotationProcessor")) else "runtime"


def tokenize(text: str) -> list[Token]:
    """Groovy/Kotlin tokens that matter here: dotted names, strings and punctuation."""
    tokens: list[Token] = []
    index, line, size = 0, 1, len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line += 1
            index += 1
        elif char.isspace():
            index += 1
        elif text.startswith("//", index):
            end = text.find("\n", index)
            index = size if end < 0 else end
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            end = size if end < 0 else end + 2
            line += text.count("\n", index, end)
            index = end
        elif text.startswith(('"""', "'''"), index):
            quote = text[index : index + 3]
            end = text.find(quote, index + 3)
            end = size if end < 0 else end
            tokens.append(Token("string", text[index + 3 : end], line))
            line += text.count("\n", index, end)
            index = end + 3
        elif char in "\"'":
            end = index + 1
            while end < size and text[end] not in (char, "\n"):
                end += 2 if text[end] == "\\" else 1
            tokens.append(Token("string", text[index + 1 : end].replace("\\" + char, char), line))
            index = end + 1
        elif char.isalpha() or char in "_$":
            end = index + 1
            while end < size and (
                text[end].isalnum()
                or text[end] in "_$"
                or (text[end] == "." and end + 1 < size and (text[end + 1].isalpha()))
            ):
                end += 1
            tokens.append(Token("name", text[index:end], line))
            index = end
        else:
            tokens.append(Token("punct", char, line))
            index += 1
    return tokens


def _variables(tokens: list[Token]) -> dict[str, str]:
    variables: dict[str, str] = {}
    for index in range(len(tokens) - 2):
        name, equals, value = tokens[index], tokens[index + 1], tokens[index + 2]
        if name.kind == "name" and equals.text == "=" and value.kind == "string":
            variables[name.text.rsplit(".", 1)[-1]] = value.text
    return variables


def _interpolate(text: str, variables: dict[str, str]) -> str:
    if "$" not in text:
        return text
    for name, value in variables.items():
        text = text.replace("${" + name + "}", value)
        for prefix in ("${project.", "${rootProject.", "${ext."):
            text = text.replace(prefix + name + "}", value)
    for name in sorted(variables, key=len, reverse=True):
        text = text.replace("$" + name, variables[name])
    return text


def parse_build_gradle(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "gradle", "manifest")
    tokens = tokenize(text)
    variables = _variables(tokens)
    # gradle/libs.versions.toml is the catalog Gradle exposes as `libs`.
    uses_catalog = any(t.kind == "name" and t.text.startswith("libs.") for t in tokens)
    catalog = load_catalog(path, context) if uses_catalog else Catalog()
    for index, token in enumerate(tokens):
        scope = configuration_scope(token.text) if token.kind == "name" else None
        if scope is None or index + 1 >= len(tokens):
            continue
        start = index + 2 if tokens[index + 1].text == "(" else index + 1
        if start >= len(tokens):
            continue
        for name, version, group in _notation(tokens, start, variables, catalog):
            result.add(name, version, line=token.line, scope=scope, group=group)
    return result


def _notation(
    tokens: list[Token], start: int, variables: dict[str, str], catalog: Catalog
) -> list[tuple[str, str | None, str | None]]:
    """The dependencies named by the notation that starts at ``tokens[start]``."""
    head = tokens[start]
    following = tokens[start + 1 : start + 8]
    if head.kind == "string":
        coordinate = _coordinate(_interpolate(head.text, variables))
        return [(*coordinate, None)] if coordinate else []
    if head.kind != "name" or head.text in _SKIPPED_NOTATIONS:
        return []
    if head.text in ("platform", "enforcedPlatform") and following[:1] and following[0].text == "(":
        inner = _notation(tokens, start + 2, variables, catalog) if start + 2 < len(tokens) else []
        return [(name, version, "platform") for name, version, _ in inner]
    if head.text == "kotlin" and len(following) >= 2 and following[1].kind == "string":
        version = (
            following[3].text if len(following) > 3 and following[3].kind == "string" else None
        )
        return [(f"org.jetbrains.kotlin:kotlin-{following[1].text}", version, None)]
    if head.text == "group" and following[:1] and following[0].text in (":", "="):
        return _map_notation(tokens, start, variables)
    return _catalog_reference(head.text, catalog)


def _coordinate(text: str) -> tuple[str, str | None] | None:
    parts = text.split("@", 1)[0].split(":")
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return None
    version = parts[2] if len(parts) > 2 and parts[2] else None
    return f"{parts[0]}:{parts[1]}", version


def _map_notation(
    tokens: list[Token], start: int, variables: dict[str, str]
) -> list[tuple[str, str | None, str | None]]:
    fields: dict[str, str] = {}
    index = start
    while index + 2 < len(tokens):
        key, separator, value = tokens[index], tokens[index + 1], tokens[index + 2]
        if key.kind != "name" or separator.text not in (":", "=") or value.kind != "string":
            break
        fields[key.text] = _interpolate(value.text, variables)
        if index + 3 >= len(tokens) or tokens[index + 3].text != ",":
            break
        index += 4
    if not fields.get("group") or not fields.get("name"):
        return []
    return [(f"{fields['group']}:{fields['name']}", fields.get("version"), None)]


def _accessor(alias: str) -> str:
    return alias.replace("-", ".").replace("_", ".").lower()


def _catalog_reference(
    reference: str, catalog: Catalog
) -> list[tuple[str, str | None, str | None]]:
    prefix, _, accessor = reference.removesuffix(".get()").partition(".")
    if prefix != "libs" or not accessor:
        return []
    accessor = accessor.lower()
    if accessor.startswith("bundles."):
        aliases = catalog.bundles.get(accessor.removeprefix("bundles."), [])
        return [
            (*catalog.libraries[alias], None) for alias in aliases if alias in catalog.libraries
        ]
    if accessor in catalog.libraries:
        return [(*catalog.libraries[accessor], None)]
    return []


def load_catalog(path: str, context: ParseContext) -> Catalog:
    """The nearest ``gradle/libs.versions.toml`` at or above the build script's directory."""
    directory = posixpath.dirname(path)
    while True:
        text = context.read_text(posixpath.join(directory, CATALOG))
        if text is not None:
            try:
                document, _ = load_toml(text)
            except ManifestError:
                return Catalog()  # the catalog's own warning comes from parsing it as a manifest
            return _catalog(document)
        if not directory:
            return Catalog()
        directory = posixpath.dirname(directory)


def _catalog(document: dict[str, object]) -> Catalog:
    versions = {key: as_text(value) for key, value in as_table(document.get("versions")).items()}
    catalog = Catalog()
    for alias, entry in as_table(document.get("libraries")).items():
        text = as_text(entry)
        table = as_table(entry)
        if text is not None:
            coordinate = _coordinate(text)
            if coordinate:
                catalog.libraries[_accessor(alias)] = coordinate
            continue
        module = as_text(table.get("module"))
        if module is None and table.get("group") and table.get("name"):
            module = f"{as_text(table['group'])}:{as_text(table['name'])}"
        if module is None:
            continue
        version_value = table.get("version")
        version_table = as_table(version_value)
        version = as_text(version_value) or versions.get(as_text(version_table.get("ref")) or "")
        version = version or next(
            (
                as_text(version_table[key])
                for key in ("strictly", "require", "prefer")
                if key in version_table
            ),
            None,
        )
        catalog.libraries[_accessor(alias)] = (module, version)
    for alias, members in as_table(document.get("bundles")).items():
        catalog.bundles[_accessor(alias)] = [_accessor(str(member)) for member in as_list(members)]
    return catalog


def parse_catalog(path: str, text: str, context: ParseContext) -> ParsedFile:
    """Listed as a manifest so a broken catalog is reported once; its libraries count where a
    build script uses them."""
    load_toml(text)
    return ParsedFile(path, "gradle", "manifest")


def parse_gradle_lockfile(path: str, text: str, context: ParseContext) -> ParsedFile:
    """``gradle.lockfile``: ``group:artifact:version=configuration,...`` per line."""
    result = ParsedFile(path, "gradle", "lockfile")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("empty="):
            continue
        coordinates, _, configurations = line.partition("=")
        parts = coordinates.split(":")
        if len(parts) != 3 or not all(parts):
            result.warn(f"`{line}` is not a `group:artifact:version=...` line", number)
            continue
        names = [name for name in configurations.split(",") if name]
        scope: DependencyScope = "runtime"
        if names and all(name.lower().startswith("test") for name in names):
            scope = "test"
        result.add_locked(f"{parts[0]}:{parts[1]}", parts[2], line=number, scope=scope)
    return result
