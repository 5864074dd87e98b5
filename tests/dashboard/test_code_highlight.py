"""The finding page's code window as highlighted HTML, one fragment per line: the lexer chosen by
the file's name alone, the window lexed as a whole, everything escaped, classes and no styles."""

from __future__ import annotations

import html
import re

from dashboard.code_highlight import MAX_HIGHLIGHT_CHARS, highlight_lines

HOSTILE = "x = '<script>alert(1)</script>'  # \"><img src=x onerror=alert(1)>"


def _tags(fragment: str) -> set[str]:
    return set(re.findall(r"<(/?[a-z]+)", fragment))


def test_a_python_window_is_highlighted_with_prefixed_classes_one_fragment_per_line():
    lines = ["import os", "", "def load(path):", "    return open(path).read()  # note", ""]
    fragments = highlight_lines("app/load.py", lines)
    assert len(fragments) == len(lines)
    assert '<span class="hl-kn">import</span>' in fragments[0]
    assert fragments[1] == ""
    assert '<span class="hl-nf">load</span>' in fragments[2]
    assert '<span class="hl-c1"># note</span>' in fragments[3]
    assert all("style=" not in fragment for fragment in fragments)


def test_a_string_across_lines_keeps_its_state_on_every_line():
    lines = ['QUERY = """', "def not_code(x):", '    return 1"""', "def code():"]
    fragments = highlight_lines("q.py", lines)
    assert '<span class="hl-s2">def not_code(x):</span>' in fragments[1]
    assert "hl-k" not in fragments[1]
    assert '<span class="hl-k">def</span>' in fragments[3]
    for fragment in fragments:  # each line's spans are closed on that line
        assert fragment.count("<span") == fragment.count("</span>")


def test_hostile_text_is_escaped_whatever_the_lexer():
    for path in ("x.py", "x.html", "notes.unknown-extension"):
        (fragment,) = highlight_lines(path, [HOSTILE])
        assert _tags(fragment) <= {"span", "/span"}, path
        assert html.unescape(re.sub(r"<[^>]+>", "", fragment)) == HOSTILE, path


def test_an_unknown_file_name_is_plain_text_even_when_its_content_looks_like_code():
    lines = ["#!/usr/bin/env python", "import os", "<?php echo 1; ?>"]
    assert highlight_lines("NOTES", lines) == [
        "#!/usr/bin/env python",
        "import os",
        "&lt;?php echo 1; ?&gt;",
    ]


def test_the_lexer_follows_the_name_for_files_without_a_suffix():
    (dockerfile,) = highlight_lines("build/Dockerfile", ["FROM python:3.11"])
    assert '<span class="hl-k">FROM</span>' in dockerfile
    (workflow,) = highlight_lines(".github/workflows/ci.yml", ["on: push"])
    assert "hl-" in workflow


def test_a_window_too_large_to_lex_is_escaped_plain_text():
    line = "value = '<b>' + " + "x" * 100
    lines = [line] * (MAX_HIGHLIGHT_CHARS // len(line) + 1)
    fragments = highlight_lines("big.py", lines)
    assert len(fragments) == len(lines)
    assert fragments[0] == "value = &#39;&lt;b&gt;&#39; + " + "x" * 100


def test_blank_lines_at_either_end_and_trailing_spaces_are_kept():
    lines = ["", "  ", "x = 1   ", ""]
    fragments = highlight_lines("a.py", lines)
    assert len(fragments) == 4
    assert fragments[0] == "" and fragments[3] == ""
    assert [re.sub(r"<[^>]+>", "", f) for f in fragments[1:3]] == ["  ", "x = 1   "]
