"""The code window of a finding page as highlighted HTML, one fragment per line.

The lexer is chosen by the file's name alone: guessing from content runs every candidate lexer's
``analyse_text`` over text the repository wrote. The window is lexed as a whole, so a string or
comment that spans lines keeps its state on each of them; Pygments closes and reopens a token's
``<span>`` at every line break, so each line's fragment is balanced markup on its own. Output is
classes only (``hl-`` prefixed; the CSP forbids inline styles), coloured by the stylesheet, and
Pygments escapes every character of the text. Blocking CPU work: call it in a thread.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from markupsafe import Markup, escape

# Pygments ships no type information (types-Pygments is not a dependency).
from pygments import highlight  # type: ignore[import-untyped,unused-ignore]
from pygments.formatters.html import HtmlFormatter  # type: ignore[import-untyped,unused-ignore]
from pygments.lexer import Lexer  # type: ignore[import-untyped,unused-ignore]
from pygments.lexers import get_lexer_for_filename  # type: ignore[import-untyped,unused-ignore]
from pygments.lexers.special import TextLexer  # type: ignore[import-untyped,unused-ignore]
from pygments.util import ClassNotFound  # type: ignore[import-untyped,unused-ignore]

# Past this the window is shown as escaped plain text: a minified bundle's lines are not worth
# lexing for a page view.
MAX_HIGHLIGHT_CHARS = 64_000
_FORMATTER = HtmlFormatter(nowrap=True, classprefix="hl-")


def _lexer(path: str) -> Lexer:
    # Options keep the text as it is: leading and trailing blank lines (stripnl) are lines of
    # the window and must keep their numbers.
    options = {"stripnl": False, "ensurenl": True}
    try:
        # Without ``code``, several lexers for one name are ranked by priority, not by content.
        return get_lexer_for_filename(posixpath.basename(path), **options)
    except ClassNotFound:
        return TextLexer(**options)


def _plain(lines: Sequence[str]) -> list[Markup]:
    return [escape(line) for line in lines]


def highlight_lines(path: str, lines: Sequence[str]) -> list[Markup]:
    """``lines`` of the file at ``path`` as HTML fragments, one per line, in order."""
    if not lines or sum(len(line) + 1 for line in lines) > MAX_HIGHLIGHT_CHARS:
        return _plain(lines)
    html = highlight("\n".join(lines) + "\n", _lexer(path), _FORMATTER)
    fragments = html.split("\n")
    if len(fragments) != len(lines) + 1 or fragments[-1]:
        return _plain(lines)  # a lexer that added or merged lines: never misnumber them
    return [Markup(fragment) for fragment in fragments[:-1]]  # noqa: S704 (Pygments escapes)
