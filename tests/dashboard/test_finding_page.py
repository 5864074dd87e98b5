"""The page of one finding (``/findings/{id}``) and ``/api/v1/findings/{id}``: the code from the
repository's mirror at the scanned commit, the rule's help and fix, history, ignore/unignore, and
the links that lead there from the findings list."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pygit2
import pytest
from playwright import async_api as playwright_api

from app.github.endpoints import GitHubEndpoints
from app.mirror_reads import MAX_BLOB_BYTES, MAX_WINDOW_LINES, mirror_path
from dashboard.bandit_help import bandit_help
from jobs.git.clone import MirrorStore
from tests.dashboard.browser import chromium, collect_errors, login_with_github, new_page
from tests.dashboard.conftest import OCTO_REPO, Dashboard

RULE = "python.yaml-unsafe-load"
HOSTILE = "<script>alert(1)</script>"
SOURCE = (
    "".join(f"line {n}\n" for n in range(1, 10)) + "    data = yaml.load(f, Loader=yaml.Loader)\n"
)
SOURCE += f"# {HOSTILE}\n" + "".join(f"line {n}\n" for n in range(12, 30))


# The organisation's pack (VIBE_RULES_DIR): its help is Markdown an administrator wrote.
ORG_RULE = """rules:
  - id: no-pickle
    languages: [python]
    severity: ERROR
    message: pickle
    pattern: pickle.loads(...)
    metadata:
      help: |
        **Why:** `pickle` runs code. <script>alert(1)</script>

        - [docs](https://docs.python.org/3/library/pickle.html)
        - [click](javascript:alert(1)) <img src=x onerror=alert(1)>
"""


@pytest.fixture
def dashboard_settings(tmp_path: Path) -> dict[str, Any]:
    org_rules = tmp_path / "org-rules"
    org_rules.mkdir()
    (org_rules / "python.yaml").write_text(ORG_RULE, encoding="utf-8")
    return {"data_dir": tmp_path / "data", "rules_dir": org_rules}


def _web(dashboard: Dashboard) -> str:
    return GitHubEndpoints.from_api_url(dashboard.fake.url).web_url


def _mirror(dashboard: Dashboard, web_url: str, full_name: str, files: dict[str, bytes]) -> str:
    """A bare repository with one commit of ``files``, where the jobs would fetch the mirror."""
    mirrors = dashboard.context.settings.data_dir / "mirrors"
    path = mirror_path(mirrors, web_url, full_name)
    repo = pygit2.init_repository(str(path), bare=True, initial_head="main")
    index = pygit2.Index()
    for name, data in files.items():
        index.add(pygit2.IndexEntry(name, repo.create_blob(data), pygit2.enums.FileMode.BLOB))
    signature = pygit2.Signature("vibe", "vibe@example.com")
    tree = index.write_tree(repo)
    return str(repo.create_commit("refs/heads/main", signature, signature, "m", tree, []))


async def _finding(
    dashboard: Dashboard,
    repository_id: int,
    sha: str | None,
    path: str = "app/load.py",
    rule: str = RULE,
) -> int:
    pool = dashboard.context.pool
    project_id = await pool.fetchval(
        "SELECT id FROM projects WHERE repository_id = $1", repository_id
    )
    details = {
        "cwe": ["CWE-502: Deserialization of Untrusted Data"],
        "owasp": ["A08:2021 - Software and Data Integrity Failures"],
        "help_uri": "https://pyyaml.org/wiki/PyYAMLDocumentation",
    }
    finding_id: int = await pool.fetchval(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line, commit_sha, details) VALUES ($1, 'fp-yaml', 'semgrep', $2, "
        "'warning', $3, $4, 10, 10, $5, $6::jsonb) RETURNING id",
        project_id,
        rule,
        f"unsafe yaml {HOSTILE}",
        path,
        sha,
        json.dumps(details),
    )
    return finding_id


def test_the_mirror_path_is_the_one_the_jobs_fetch_into(tmp_path: Path):
    store = MirrorStore(tmp_path)
    for web_url, name in (("https://github.com", "octo/app"), ("https://gl.example:8443", "g/s/p")):
        assert mirror_path(tmp_path, web_url, name) == store.path_for(f"{web_url}/{name}.git", name)


async def test_the_page_shows_the_code_with_the_line_marked_and_the_rule(dashboard: Dashboard):
    sha = _mirror(dashboard, _web(dashboard), "octo/app", {"app/load.py": SOURCE.encode()})
    finding_id = await _finding(dashboard, OCTO_REPO, sha)
    alice = await dashboard.login("alice")
    response = await alice.get(f"/findings/{finding_id}")
    html = await response.text()
    assert response.status == 200, html
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<tr class="flagged"><th scope="row">10</th>' in html
    assert '<th scope="row">5</th>' in html and '<th scope="row">15</th>' in html
    assert '<th scope="row">4</th>' not in html
    assert "yaml.safe_load(f)" in html  # the rule's fix-regex applied to the flagged line
    assert "https://cwe.mitre.org/data/definitions/502.html" in html
    assert "https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/" in html
    assert f"{_web(dashboard)}/octo/app/blob/{sha}/app/load.py#L10" in html
    assert "view on GitHub" in html


def _row(html: str, number: int) -> str:
    start = html.index(f'<th scope="row">{number}</th>')
    return html[start : html.index("</tr>", start)]


async def test_the_code_is_highlighted_as_one_window_and_hostile_lines_stay_text(
    dashboard: Dashboard,
):
    source = (
        "".join(f"n{n} = {n}\n" for n in range(1, 5))
        + "import yaml\n"
        + 'DOC = """\n'
        + "def not_code():\n"
        + '"""\n'
        + "x = '<script>alert(1)</script>'  # \"><img src=x onerror=alert(1)>\n"
        + "    data = yaml.load(f, Loader=yaml.Loader)\n"
    )
    sha = _mirror(dashboard, _web(dashboard), "octo/app", {"app/load.py": source.encode()})
    finding_id = await _finding(dashboard, OCTO_REPO, sha)
    alice = await dashboard.login("alice")
    html = await (await alice.get(f"/findings/{finding_id}")).text()
    code = html[html.index('<div class="finding-code"') : html.index("</table>")]
    assert '<span class="hl-kn">import</span>' in _row(code, 5)
    # Line 7 sits inside the string opened on line 6: a string, not a keyword.
    assert '<span class="hl-s2">def not_code():</span>' in _row(code, 7)
    hostile = _row(code, 9)
    assert "<script" not in code and "<img" not in code and "onerror=alert(1)>" not in code
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile
    assert "style=" not in code
    flagged = _row(code, 10)
    assert flagged.startswith('<th scope="row">10</th><td class="mark">')
    assert '<span class="visually-hidden">flagged</span>' in flagged
    assert '<span class="hl-n">yaml</span>' in flagged
    assert '<tr class="flagged"><th scope="row">10</th>' in html


async def test_a_file_without_a_known_language_is_shown_as_plain_text(dashboard: Dashboard):
    source = "".join(f"import line{n}\n" for n in range(1, 10)) + "<b>flagged</b>\n"
    sha = _mirror(dashboard, _web(dashboard), "octo/app", {"NOTES": source.encode()})
    finding_id = await _finding(dashboard, OCTO_REPO, sha, "NOTES")
    alice = await dashboard.login("alice")
    html = await (await alice.get(f"/findings/{finding_id}")).text()
    assert "<td><code>import line5</code></td>" in html
    assert "<td><code>&lt;b&gt;flagged&lt;/b&gt;</code></td>" in html


async def test_a_long_flagged_range_shows_a_bounded_window(dashboard: Dashboard):
    source = "".join(f"x{n} = {n}\n" for n in range(1, 5001))
    sha = _mirror(dashboard, _web(dashboard), "octo/app", {"app/load.py": source.encode()})
    finding_id = await _finding(dashboard, OCTO_REPO, sha)
    await dashboard.context.pool.execute(
        "UPDATE findings SET end_line = 4990 WHERE id = $1", finding_id
    )
    token = await dashboard.token(await dashboard.login("alice"), "read")
    body = await (await dashboard.api(f"/api/v1/findings/{finding_id}", token)).json()
    numbers = [line["number"] for line in body["code"]]
    assert numbers == list(range(5, 5 + MAX_WINDOW_LINES))
    assert all(line["flagged"] for line in body["code"][5:])


async def test_the_rule_help_is_rendered_markdown(dashboard: Dashboard):
    finding_id = await _finding(dashboard, OCTO_REPO, None)
    alice = await dashboard.login("alice")
    html = await (await alice.get(f"/findings/{finding_id}")).text()
    help_html = html[html.index('<div class="finding-help">') :]
    help_html = help_html[: help_html.index("</div>")]
    assert "<p><strong>What is wrong:</strong>" in help_html
    assert "<code>" in help_html and "**" not in help_html
    # The pack wraps its help at 100 columns; the paragraph does not break there.
    assert "<br>" not in help_html


async def test_an_org_rules_hostile_help_stays_inert(dashboard: Dashboard):
    finding_id = await _finding(dashboard, OCTO_REPO, None, rule="org.no-pickle")
    alice = await dashboard.login("alice")
    html = await (await alice.get(f"/findings/{finding_id}")).text()
    help_html = html[html.index('<div class="finding-help">') :]
    help_html = help_html[: help_html.index("</div>")]
    assert "<strong>Why:</strong> <code>pickle</code> runs code." in help_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in help_html
    assert '<a href="https://docs.python.org/3/library/pickle.html"' in help_html
    assert "[click](javascript:alert(1))" in help_html and 'href="javascript' not in help_html
    assert "<img" not in help_html and "<script" not in help_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in help_html


async def test_code_not_available_without_mirror_commit_or_small_text_blob(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    missing_mirror = await _finding(dashboard, OCTO_REPO, "b" * 40)
    html = await (await alice.get(f"/findings/{missing_mirror}")).text()
    assert "Code not available" in html
    await dashboard.context.pool.execute("DELETE FROM findings WHERE fingerprint = 'fp-yaml'")
    sha = _mirror(
        dashboard,
        _web(dashboard),
        "octo/app",
        {"big.py": b"x\n" * (MAX_BLOB_BYTES // 2 + 1), "bin.py": b"\0\1\2\n" * 20},
    )
    for path in ("big.py", "bin.py", "absent.py"):
        await dashboard.context.pool.execute("DELETE FROM findings WHERE fingerprint = 'fp-yaml'")
        finding_id = await _finding(dashboard, OCTO_REPO, sha, path)
        response = await alice.get(f"/findings/{finding_id}")
        assert response.status == 200
        assert "Code not available" in await response.text(), path


async def test_a_finding_of_a_repository_the_visitor_cannot_read_is_not_found(
    dashboard: Dashboard,
):
    finding_id = await _finding(dashboard, OCTO_REPO, None)
    bob = await dashboard.login("bob")
    assert (await bob.get(f"/findings/{finding_id}")).status == 404
    assert (await bob.get(f"/findings/{finding_id}/source")).status == 404
    assert (await bob.get("/findings/999999")).status == 404
    token = await dashboard.token(bob, "read", "write")
    assert (await dashboard.api(f"/api/v1/findings/{finding_id}", token)).status == 404
    ignored = await dashboard.api(
        f"/api/v1/findings/{finding_id}/ignore", token, "POST", json={"reason": "mine now"}
    )
    assert ignored.status == 404
    assert await dashboard.context.pool.fetchval("SELECT count(*) FROM ignores") == 1


async def test_the_api_answers_the_same_and_is_documented(dashboard: Dashboard):
    sha = _mirror(dashboard, _web(dashboard), "octo/app", {"app/load.py": SOURCE.encode()})
    finding_id = await _finding(dashboard, OCTO_REPO, sha)
    token = await dashboard.token(await dashboard.login("alice"), "read")
    response = await dashboard.api(f"/api/v1/findings/{finding_id}", token)
    body = await response.json()
    assert response.status == 200, body
    assert body["state"] == "open" and body["forge"] == "github"
    assert [line["number"] for line in body["code"] if line["flagged"]] == [10]
    assert body["code"][5]["text"] == "    data = yaml.load(f, Loader=yaml.Loader)"
    assert body["suggested_fix"] == "    data = yaml.safe_load(f)"
    assert body["help"] and "safe_load" in body["help"]
    document = await (await dashboard.api("/api/v1/openapi.json")).json()
    assert "get" in document["paths"]["/api/v1/findings/{finding_id}"]
    assert {"post", "delete"} <= set(document["paths"]["/api/v1/findings/{finding_id}/ignore"])


async def test_ignore_and_unignore_through_the_page_are_stored_and_audited(dashboard: Dashboard):
    finding_id = await _finding(dashboard, OCTO_REPO, None)
    alice = await dashboard.login("alice")
    page = await (await alice.get(f"/findings/{finding_id}")).text()
    csrf = alice.csrf_from(page)
    form = {"csrf_token": csrf, "action": "ignore", "reason": "test fixture", "until": "2099-01-31"}
    done = await alice.post(f"/findings/{finding_id}/ignore", data=form)
    assert done.status == 302 and done.headers["Location"] == f"/findings/{finding_id}"
    pool = dashboard.context.pool
    row = await pool.fetchrow("SELECT * FROM ignores WHERE fingerprint = 'fp-yaml'")
    assert (row["repository_id"], row["reason"], row["created_by"]) == (
        OCTO_REPO,
        "test fixture",
        "alice",
    )
    assert row["until"].isoformat() == "2099-01-31"
    html = await (await alice.get(f"/findings/{finding_id}")).text()
    assert "Ignored by alice" in html and "until 2099-01-31" in html and "Unignore" in html
    stale = await alice.post(f"/findings/{finding_id}/ignore", data={**form, "csrf_token": "x"})
    assert stale.status == 403
    blank = await alice.post(f"/findings/{finding_id}/ignore", data={**form, "reason": " "})
    assert blank.status == 400 and "Give a reason" in await blank.text()
    undone = await alice.post(
        f"/findings/{finding_id}/ignore", data={"csrf_token": csrf, "action": "unignore"}
    )
    assert undone.status == 302
    assert await pool.fetchval("SELECT count(*) FROM ignores WHERE fingerprint = 'fp-yaml'") == 0
    actions = await pool.fetch(
        "SELECT action, actor, repository_id, target FROM audit_log "
        "WHERE action LIKE 'finding.%' ORDER BY id"
    )
    assert [(a["action"], a["actor"], a["repository_id"], a["target"]) for a in actions] == [
        ("finding.ignored", "alice", OCTO_REPO, "fp-yaml"),
        ("finding.unignored", "alice", OCTO_REPO, "fp-yaml"),
    ]


async def test_the_api_ignores_with_a_write_token_only(dashboard: Dashboard):
    finding_id = await _finding(dashboard, OCTO_REPO, None)
    alice = await dashboard.login("alice")
    reader = await dashboard.token(alice, "read", name="reader")
    writer = await dashboard.token(alice, "read", "write", name="writer")
    path = f"/api/v1/findings/{finding_id}/ignore"
    refused = await dashboard.api(path, reader, "POST", json={"reason": "no"})
    assert refused.status == 403
    invalid = await dashboard.api(path, writer, "POST", json={"reason": ""})
    assert invalid.status == 422
    ignored = await dashboard.api(path, writer, "POST", json={"reason": "vendored"})
    assert ignored.status == 200
    body = await ignored.json()
    assert body["state"] == "ignored" and body["ignore"]["reason"] == "vendored"
    assert body["ignore"]["until"] is None
    removed = await dashboard.api(path, writer, "DELETE")
    assert removed.status == 200 and (await removed.json())["ignore"] is None


async def test_the_findings_list_links_to_the_page_and_to_the_forge(dashboard: Dashboard):
    sha = _mirror(dashboard, _web(dashboard), "octo/app", {"app/load.py": SOURCE.encode()})
    finding_id = await _finding(dashboard, OCTO_REPO, sha)
    alice = await dashboard.login("alice")
    html = await (await alice.get("/findings?q=yaml")).text()
    assert f'<a href="/findings/{finding_id}"><code>app/load.py:10</code></a>' in html
    assert f'href="/findings/{finding_id}/source"' in html
    source = await alice.get(f"/findings/{finding_id}/source")
    assert source.status == 302
    assert source.headers["Location"] == f"{_web(dashboard)}/octo/app/blob/{sha}/app/load.py#L10"


async def test_a_gitlab_finding_reads_its_projects_mirror_and_links_to_gitlab(
    dashboard: Dashboard,
):
    gitlab_url = dashboard.context.settings.gitlab_url
    sha = _mirror(dashboard, gitlab_url, "group/demo", {"app/load.py": SOURCE.encode()})
    finding_id = await _finding(dashboard, dashboard.demo_key, sha)
    carol = await dashboard.login_gitlab("carol")
    html = await (await carol.get(f"/findings/{finding_id}")).text()
    assert '<tr class="flagged"><th scope="row">10</th>' in html
    assert f"{gitlab_url.rstrip('/')}/group/demo/-/blob/{sha}/app/load.py#L10" in html
    assert "view on GitLab" in html
    alice = await dashboard.login("alice")
    assert (await alice.get(f"/findings/{finding_id}")).status == 404


# axe-core as axe-playwright-python ships it, served from the page's origin (the CSP stays on):
# serious or critical violations, colour contrast of the syntax colours included.
_AXE_PACKAGE = importlib.util.find_spec("axe_playwright_python")
AXE_JS = Path(_AXE_PACKAGE.origin or "").parent / "axe.min.js" if _AXE_PACKAGE else None
AXE_URL = "/__finding-page/axe.min.js"
AXE_RUN = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))"""


async def _axe_violations(page: Any) -> list[str]:
    await page.add_script_tag(url=AXE_URL)
    violations: list[str] = await page.evaluate(AXE_RUN)
    return violations


# Lines of code scroll inside their own region, which must fit.
WIDER_THAN_SCREEN = """[...document.querySelectorAll('main *')]
  .filter(e => !e.closest('.finding-code table'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth)
  .map(e => e.tagName + '.' + e.className)"""


@pytest.mark.parametrize("width", [390, 1440])
async def test_the_page_fits_the_screen_and_ignores_by_keyboard(dashboard: Dashboard, width: int):
    long_line = "value = " + "'x' + " * 80 + "'end'  # a comment\n"
    source = SOURCE.replace("line 9\n", long_line).replace("line 7\n", "import os\n")
    sha = _mirror(dashboard, _web(dashboard), "octo/app", {"app/load.py": source.encode()})
    finding_id = await _finding(dashboard, OCTO_REPO, sha)
    async with chromium() as browser:
        page = await new_page(
            browser,
            str(dashboard.server.make_url("/")),
            viewport={"width": width, "height": 900},
        )
        errors: list[str] = []
        collect_errors(page, errors)
        assert AXE_JS is not None, "no axe-core: `pip install -e '.[dev]'`"
        await page.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE_JS))
        await login_with_github(page, dashboard.oauth, "alice", start=f"/findings/{finding_id}")
        # The header is the site's (its own test owns it); nothing of the page's own overflows.
        assert await page.evaluate(WIDER_THAN_SCREEN) == []
        # The syntax colours and the rendered help pass axe (colour contrast included).
        assert await page.locator(".finding-code .hl-kn").count() > 0
        assert await page.locator(".finding-help strong").count() > 0
        assert await _axe_violations(page) == []
        await page.get_by_label("Reason").focus()
        await page.keyboard.type("generated code")
        # The form posts and the page comes back at the same address: wait for the new one.
        async with page.expect_navigation():
            await page.keyboard.press("Enter")
        main = page.locator("main")
        await playwright_api.expect(main).to_contain_text("Ignored by alice")
        await playwright_api.expect(main).to_contain_text("generated code")
        assert await page.evaluate(WIDER_THAN_SCREEN) == []
    assert errors == []


async def test_a_bandit_rule_shows_bandits_own_help(dashboard: Dashboard):
    """fp-old (seed) is bandit's B105: its page says what bandit's documentation of the rule
    says, up to its configuration and examples, as Markdown."""
    fixed_id = await dashboard.context.pool.fetchval(
        "SELECT id FROM findings WHERE fingerprint = 'fp-old'"
    )
    alice = await dashboard.login("alice")
    html = await (await alice.get(f"/findings/{fixed_id}")).text()
    help_html = html[html.index('<div class="finding-help">') :]
    help_html = help_html[: help_html.index("</div>")]
    assert "<p>Test for use of hard-coded password strings.</p>" in help_html
    assert "<li>assigned to a variable that looks like a password</li>" in help_html
    assert "Config Options" not in help_html and "code-block" not in help_html
    token = await dashboard.token(alice, "read")
    body = await (await dashboard.api(f"/api/v1/findings/{fixed_id}", token)).json()
    assert body["help"].startswith("Test for use of hard-coded password strings.")


def test_bandit_help_covers_every_rule_of_the_installed_bandit():
    from bandit.core import extension_loader

    manager = extension_loader.MANAGER
    for rule_id in [*manager.plugins_by_id, *manager.blacklist_by_id]:
        text = bandit_help(rule_id)
        assert text and "==" not in text and ":doc:" not in text, rule_id
    assert bandit_help("B403") == (
        "Consider possible security implications associated with "
        "`pickle`, `cPickle`, `dill`, `shelve` module."
    )
    assert bandit_help("B000") is None
