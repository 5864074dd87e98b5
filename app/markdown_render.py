"""A small Markdown subset as HTML, for text a language model wrote: paragraphs, emphasis,
inline and fenced code, lists and http(s) links. Every character of the input is escaped; the
only markup in the output is the tags written here, so an answer cannot bring its own HTML,
event handlers or ``javascript:`` links (a full Markdown library passes raw HTML through)."""

from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

_FENCE = re.compile(r"^\s*(```|~~~)\s*([A-Za-z0-9_+-]*)\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,9}[.)]\s+(.*)$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s()<>\"']+)\)")
# Emphasis never spans a tag, so what it wraps is always balanced.
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^<]+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^<*]+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^<_]+?)(?<=\S)_(?![\w_])")
_STASHED = re.compile("\x00(\\d+)\x00")


def _emphasis(escaped: str) -> str:
    escaped = _STRONG.sub(r"<strong>\2</strong>", escaped)
    escaped = _EM_STAR.sub(r"<em>\1</em>", escaped)
    return _EM_UNDERSCORE.sub(r"<em>\1</em>", escaped)


def _inline(text: str) -> str:
    """One line or paragraph: code spans and links are set aside first, so that emphasis
    never reaches into code or an ``href``."""
    stash: list[str] = []

    def keep(html: str) -> str:
        stash.append(html)
        return f"\x00{len(stash) - 1}\x00"

    def link(match: re.Match[str]) -> str:
        label = _emphasis(escape(match.group(1)))
        href = escape(match.group(2), quote=True)
        return keep(f'<a href="{href}" rel="nofollow noopener noreferrer">{label}</a>')

    text = text.replace("\x00", "")
    text = _CODE_SPAN.sub(lambda m: keep(f"<code>{escape(m.group(2).strip())}</code>"), text)
    text = _LINK.sub(link, text)
    html = _emphasis(escape(text))
    while _STASHED.search(html):  # a link's label may hold a code span
        html = _STASHED.sub(lambda m: stash[int(m.group(1))], html)
    return html


class _Blocks:
    def __init__(self) -> None:
        self.html: list[str] = []
        self.paragraph: list[str] = []
        self.list_tag: str | None = None
        self.items: list[list[str]] = []

    def close(self) -> None:
        if self.paragraph:
            self.html.append("<p>" + "<br>".join(_inline(p) for p in self.paragraph) + "</p>")
            self.paragraph = []
        if self.list_tag:
            items = "".join(f"<li>{_inline(' '.join(item))}</li>" for item in self.items)
            self.html.append(f"<{self.list_tag}>{items}</{self.list_tag}>")
            self.list_tag, self.items = None, []

    def item(self, tag: str, text: str) -> None:
        if self.list_tag != tag:
            self.close()
            self.list_tag = tag
        self.items.append([text])

    def line(self, text: str) -> None:
        if self.list_tag and text[:1].isspace():
            self.items[-1].append(text.strip())  # an item's continuation
            return
        if self.list_tag:
            self.close()
        self.paragraph.append(text.strip())


def render_markdown(text: str) -> Markup:
    blocks = _Blocks()
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        fence = _FENCE.match(line)
        if fence:
            blocks.close()
            code: list[str] = []
            while index < len(lines) and not lines[index].strip().startswith(fence.group(1)):
                code.append(lines[index])
                index += 1
            index += 1  # the closing fence (or the end of an unclosed block)
            language = f' class="language-{fence.group(2)}"' if fence.group(2) else ""
            blocks.html.append(f"<pre><code{language}>{escape(chr(10).join(code))}</code></pre>")
        elif not line.strip():
            blocks.close()
        elif bullet := _BULLET.match(line):
            blocks.item("ul", bullet.group(1))
        elif numbered := _NUMBERED.match(line):
            blocks.item("ol", numbered.group(1))
        elif heading := _HEADING.match(line):
            blocks.close()
            blocks.html.append(
                f'<p class="md-heading"><strong>{_inline(heading.group(1))}</strong></p>'
            )
        else:
            blocks.line(line)
    blocks.close()
    return Markup("".join(blocks.html))  # noqa: S704 (built from escaped text only)


def inline_markdown(text: str) -> Markup:
    """One line of the subset (code, emphasis, links), without a paragraph around it."""
    return Markup(_inline(" ".join(text.split())))  # noqa: S704 (built from escaped text only)
