"""What a finding page says about its rule, as pure functions: the help's soft line breaks (rule
packs wrap their Markdown at 100 columns) joined as Markdown joins them, and the rule's help
found in our pack or the organisation's."""

from __future__ import annotations

from pathlib import Path

from app.markdown_render import render_markdown
from dashboard.finding_rules import joined_soft_breaks, rule_text

WRAPPED = """**What is wrong:** the statement is built with `%` or
`+` before it reaches the driver.
Still the same paragraph.

- an item that wraps
  onto a second line
- a second item

```python
first = 1
second = 2
```
A hard break at the end of this line\\
stays one, and so does this one{TWO_SPACES}
as Markdown writes them.
# A heading
under it.""".replace("{TWO_SPACES}", "  ")


def test_soft_breaks_are_joined_outside_code_and_hard_breaks_stay():
    assert joined_soft_breaks(WRAPPED).split("\n") == [
        "**What is wrong:** the statement is built with `%` or `+` before it reaches the "
        "driver. Still the same paragraph.",
        "",
        "- an item that wraps onto a second line",
        "- a second item",
        "",
        "```python",
        "first = 1",
        "second = 2",
        "```",
        "A hard break at the end of this line\\",
        "stays one, and so does this one  ",
        "as Markdown writes them.",
        "# A heading",
        "under it.",
    ]


def test_joined_help_renders_as_paragraphs_without_line_breaks_inside():
    html = render_markdown(joined_soft_breaks(WRAPPED))
    first = html[: html.index("</p>")]
    assert "<br>" not in first and "<code>+</code> before" in first
    assert "<li>an item that wraps onto a second line</li>" in html
    assert '<pre><code class="language-python">first = 1\nsecond = 2</code></pre>' in html


def test_an_org_rule_is_found_by_its_prefixed_id_and_edits_are_picked_up(tmp_path: Path):
    pack = tmp_path / "rules.yaml"
    rule = "rules:\n  - id: no-pickle\n    metadata:\n      help: {help}\n"
    pack.write_text(rule.format(help="first"), encoding="utf-8")
    assert rule_text("org.no-pickle", pack).help == "first"
    assert rule_text("no-pickle", pack).help is None
    assert rule_text("org.no-pickle", None).help is None
    pack.write_text(rule.format(help="second, longer"), encoding="utf-8")
    assert rule_text("org.no-pickle", pack).help == "second, longer"
    assert rule_text("org.no-pickle", tmp_path).help == "second, longer"  # a folder too
    assert rule_text("python.yaml-unsafe-load", pack).help  # ours still
