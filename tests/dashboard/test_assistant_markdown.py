"""Assistant answers as Markdown: a small subset rendered by our own escaping renderer, so that
nothing the model writes becomes markup of its own (no script, no handlers, no javascript:)."""

from __future__ import annotations

from app.markdown_render import render_markdown
from tests.dashboard.conftest import OCTO_REPO, Dashboard

HOSTILE = """Here is **bold**, *emphasis* and `x < y`.

<script>alert(1)</script>
<img src=x onerror="alert(2)">
[click](javascript:alert(3)) and [ok](https://example.com/a_b?x=1&y=2)
[quote](https://e.example/"onmouseover="alert(4))

- one
- two `<b>`

1. first
2. second

```python
print("<script>")
```
"""


def test_the_subset_renders_paragraphs_emphasis_code_lists_and_links():
    html = str(render_markdown(HOSTILE))
    assert "<strong>bold</strong>" in html and "<em>emphasis</em>" in html
    assert "<code>x &lt; y</code>" in html
    assert "<ul><li>one</li><li>two <code>&lt;b&gt;</code></li></ul>" in html
    assert "<ol><li>first</li><li>second</li></ol>" in html
    assert '<pre><code class="language-python">print(&#34;&lt;script&gt;&#34;)' in html or (
        '<pre><code class="language-python">print(&quot;&lt;script&gt;&quot;)' in html
    )
    assert '<a href="https://example.com/a_b?x=1&amp;y=2" rel="nofollow noopener' in html


def test_a_hostile_answer_is_inert():
    html = str(render_markdown(HOSTILE))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html and "javascript:alert(3)" in html  # as text only
    assert "onerror=" not in html.replace("onerror=&quot;", "")  # only as escaped text
    assert 'onmouseover="' not in html and "e.example/&quot;onmouseover" in html


def test_unclosed_markers_and_nested_emphasis_stay_balanced():
    html = str(render_markdown("*a **b* c** and `open and _x_y_ and ```"))
    assert html.count("<em>") == html.count("</em>")
    assert html.count("<strong>") == html.count("</strong>")
    assert "<code>" not in html or html.count("<code>") == html.count("</code>")


async def test_the_history_shows_a_stored_hostile_answer_rendered_and_inert(dashboard: Dashboard):
    await dashboard.context.pool.execute(
        "INSERT INTO chat_messages (repository_id, user_login, source, question, answer, state, "
        "writer) VALUES ($1, 'alice', 'dashboard', 'why?', $2, 'answered', 'model')",
        OCTO_REPO,
        HOSTILE,
    )
    alice = await dashboard.login("alice")
    response = await alice.get(f"/repositories/{OCTO_REPO}/assistant")
    assert response.status == 200, await response.text()
    html = await response.text()
    assert "<strong>bold</strong>" in html and "<ul><li>one</li>" in html
    answer = html[html.index('class="answer markdown"') :]
    assert "<script>alert" not in answer and "<img" not in answer
    assert 'href="javascript' not in answer
