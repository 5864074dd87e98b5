"""XML manifests (pom.xml, *.csproj, packages.config) parsed with defusedxml, keeping the line
of every element from expat. Entities, DTDs and external references are refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .parsed import ManifestError


@dataclass
class XmlDocument:
    root: Element
    lines: dict[Element, int] = field(default_factory=dict)

    def line(self, element: Element) -> int | None:
        return self.lines.get(element)


class _LineBuilder(TreeBuilder):
    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Element, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[element] = self.parser.parser.CurrentLineNumber
        return element


def load_xml(text: str) -> XmlDocument:
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.parser = parser
    try:
        parser.feed(text)
        root = parser.close()
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ManifestError(f"is not well-formed XML: {exc.msg}", line) from exc
    except DefusedXmlException as exc:
        message = f"uses a DTD or entities, which are not read for safety ({exc})"
        raise ManifestError(message) from exc
    return XmlDocument(root, builder.lines)


def local_name(element: Element) -> str:
    """The tag without its namespace: Maven POMs put everything under one."""
    return element.tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child) == name]


def child_text(element: Element, name: str) -> str | None:
    for child in element:
        if local_name(child) == name:
            text = (child.text or "").strip()
            return text or None
    return None
