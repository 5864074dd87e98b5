"""NuGet: SDK-style project files (``*.csproj``, ``*.fsproj``, ``*.vbproj``) with
``PackageReference`` items, versions from ``Directory.Packages.props`` (central package
management) when the reference has none, the older ``packages.config``, and the
``packages.lock.json`` lock file."""

from __future__ import annotations

import posixpath
from xml.etree.ElementTree import Element

from app.models.scan import DependencyScope

from .documents import as_table, as_text
from .jsondoc import load_json
from .parsed import ManifestError, ParseContext, ParsedFile
from .spdx import manifest_license
from .xmldoc import child_text, load_xml, local_name

PROJECT_SUFFIXES = (".csproj", ".fsproj", ".vbproj")
_TEST_SDK = "microsoft.net.test.sdk"


def _attribute_or_child(element: Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if key.lower() == name.lower():
            return value.strip() or None
    return child_text(element, name)


def parse_project_file(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "nuget", "manifest")
    document = load_xml(text)
    central = _central_versions(path, context)
    references = [el for el in document.root.iter() if local_name(el) == "PackageReference"]
    is_test = any(
        (_attribute_or_child(el, "Include") or "").lower() == _TEST_SDK for el in references
    ) or any(
        local_name(el) == "IsTestProject" and (el.text or "").strip().lower() == "true"
        for el in document.root.iter()
    )
    for reference in references:
        name = _attribute_or_child(reference, "Include")
        if not name:
            continue  # <PackageReference Update="..."> only changes metadata
        version = _attribute_or_child(reference, "Version") or central.get(name.lower())
        scope: DependencyScope = "test" if is_test else "runtime"
        if (_attribute_or_child(reference, "PrivateAssets") or "").lower() == "all":
            scope = "dev"  # analyzers and build tools that never flow to consumers
        result.add(name, version, line=document.line(reference), scope=scope)
    for element in document.root.iter():
        if local_name(element) == "PackageLicenseExpression" and element.text:
            licence = manifest_license(element.text, path)
            if licence is not None:
                result.licenses.append(licence)
    return result


def _central_versions(path: str, context: ParseContext) -> dict[str, str]:
    """``<PackageVersion Include=... Version=...>`` of the nearest Directory.Packages.props."""
    directory = posixpath.dirname(path)
    while True:
        text = context.read_text(posixpath.join(directory, "Directory.Packages.props"))
        if text is not None:
            try:
                root = load_xml(text).root
            except ManifestError:
                return {}
            return {
                name.lower(): version
                for element in root.iter()
                if local_name(element) == "PackageVersion"
                and (name := _attribute_or_child(element, "Include"))
                and (version := _attribute_or_child(element, "Version"))
            }
        if not directory:
            return {}
        directory = posixpath.dirname(directory)


def parse_packages_config(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "nuget", "manifest")
    document = load_xml(text)
    for element in document.root.iter():
        if local_name(element) != "package":
            continue
        name, version = element.get("id"), element.get("version")
        if not name:
            result.warn("a <package> has no id", document.line(element))
            continue
        dev = (element.get("developmentDependency") or "").lower() == "true"
        result.add(
            name,
            version,
            line=document.line(element),
            scope="dev" if dev else "runtime",
            resolved_version=version,  # packages.config pins the exact version restored
        )
    return result


def parse_packages_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    """``packages.lock.json`` (``RestorePackagesWithLockFile``): per target framework, each
    package's ``resolved`` version."""
    result = ParsedFile(path, "nuget", "lockfile")
    document = load_json(text, max_depth=3)
    for framework, packages in as_table(as_table(document.value).get("dependencies")).items():
        for name, entry in as_table(packages).items():
            version = as_text(as_table(entry).get("resolved"))
            if version and as_table(entry).get("type") != "Project":
                line = document.line("dependencies", framework, name)
                result.add_locked(name, version, line=line)
    return result
