"""Maven ``pom.xml``: dependencies with ``${property}`` versions resolved from the POM's own
properties and ``dependencyManagement``, the parent POM, and ``<licenses>``."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from app.models.scan import DependencyScope, License

from .parsed import ParseContext, ParsedFile
from .spdx import spdx_from_value
from .xmldoc import XmlDocument, child_text, children, load_xml, local_name

_SCOPES: dict[str, DependencyScope] = {
    "compile": "runtime",
    "runtime": "runtime",
    "test": "test",
    "provided": "build",
    "system": "build",
    "import": "build",
}


def parse_pom(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "maven", "manifest")
    document = load_xml(text)
    project = document.root
    if local_name(project) != "project":
        result.warn(f"the root element is <{local_name(project)}>, not <project>", 1)
        return result
    properties = _properties(project)
    managed = _managed_versions(project, properties)
    for parent in children(project, "parent"):
        _add(result, document, parent, properties, {}, scope="build", group="parent")
    for container in children(project, "dependencies"):
        for dependency in children(container, "dependency"):
            _add(result, document, dependency, properties, managed)
    result.licenses.extend(_licenses(path, project))
    return result


def _properties(project: Element) -> dict[str, str]:
    properties: dict[str, str] = {}
    for block in children(project, "properties"):
        for prop in block:
            properties[local_name(prop)] = (prop.text or "").strip()
    for parent in children(project, "parent"):
        for field in ("groupId", "version"):
            value = child_text(parent, field)
            if value:
                properties[f"project.parent.{field}"] = value
                properties.setdefault(f"project.{field}", value)
    for field in ("groupId", "artifactId", "version"):
        value = child_text(project, field)
        if value:
            properties[f"project.{field}"] = properties[field] = value
    return properties


def _substitute(value: str | None, properties: dict[str, str]) -> str | None:
    for _ in range(8):  # properties may refer to properties; stop on cycles
        if value is None or "${" not in value:
            return value
        start = value.index("${")
        end = value.find("}", start)
        if end < 0:
            return value
        replacement = properties.get(value[start + 2 : end])
        if replacement is None:
            return value
        value = value[:start] + replacement + value[end + 1 :]
    return value


def _managed_versions(project: Element, properties: dict[str, str]) -> dict[str, str]:
    managed: dict[str, str] = {}
    for management in children(project, "dependencyManagement"):
        for container in children(management, "dependencies"):
            for dependency in children(container, "dependency"):
                name = f"{child_text(dependency, 'groupId')}:{child_text(dependency, 'artifactId')}"
                version = _substitute(child_text(dependency, "version"), properties)
                if version:
                    managed[name] = version
    return managed


def _add(
    result: ParsedFile,
    document: XmlDocument,
    element: Element,
    properties: dict[str, str],
    managed: dict[str, str],
    scope: DependencyScope | None = None,
    group: str | None = None,
) -> None:
    group_id = _substitute(child_text(element, "groupId"), properties)
    artifact_id = _substitute(child_text(element, "artifactId"), properties)
    line = document.line(element)
    if not group_id or not artifact_id:
        result.warn("a <dependency> needs both <groupId> and <artifactId>", line)
        return
    name = f"{group_id}:{artifact_id}"
    version = _substitute(child_text(element, "version"), properties) or managed.get(name)
    if scope is None:
        scope = _SCOPES.get(child_text(element, "scope") or "compile", "runtime")
        if child_text(element, "optional") == "true" and scope == "runtime":
            scope = "optional"
    resolved = version if version and version[:1].isdigit() and "${" not in version else None
    if version and version[:1] in "[(":  # a version range is a constraint, not a pin
        resolved = None
    result.add(name, version, line=line, scope=scope, group=group, resolved_version=resolved)


def _licenses(path: str, project: Element) -> list[License]:
    found: list[License] = []
    for block in children(project, "licenses"):
        for licence in children(block, "license"):
            spdx_id = spdx_from_value(child_text(licence, "name") or "")
            if spdx_id is not None:
                found.append(License(spdx_id=spdx_id, path=path, source="manifest"))
    return found
