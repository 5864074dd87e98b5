"""Attack, continued from ``test_terminal_escapes.py``: names carrying terminal escape sequences
(ESC ``]0;`` sets a window title, ESC ``]8;;`` writes a hyperlink, ESC ``[`` recolours), sent
where people read them besides ``vibe scan``:

- the review the App posts on a pull request (a file and a dependency named with one, a model
  whose answer quotes one), through the receiver, the queue and a burst worker to the fake
  GitHub;
- the headers of the diff ``vibe docs`` prints (a module named with one);
- the model server's error, which ``vibe docs`` repeats on stderr (a server answering with one);
- the reason of a ``vulnerabilities.ignore`` entry, shown as ``[ignored: …]`` in the findings.

Each output must show the sequence escaped (``\\x1b``), never send it.
"""

from __future__ import annotations

import io
import json
import textwrap
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestClient
from rich.console import Console

from app.agents.analyzer.render import render_findings_text
from app.models.analysis import AnalysisReport
from app.models.finding import Finding, Suppression
from app.settings import Settings
from tests.e2e import Burst, deliver
from tests.fakes.github import FakeGitHub
from tests.fakes.github_reviews import reviews_of
from tests.fakes.llm import API_KEY, FakeLLM
from tests.pipeline.conftest import PullRequestWorld, make_world
from tests.pipeline.conftest import worker_options as worker_options  # the fixture
from tests.pipeline.conftest import worker_settings as worker_settings  # the fixture
from tests.reviewer.conftest import BASE_APP, HEAD_APP  # os.system on added line 14
from tests.vibe_cli import run_vibe as vibe

MODEL = "openai/fake-model"
HOSTILE_FILE = "x\x1b[31m.py"
SHOWN_FILE = "x\\x1b[31m.py"
HOSTILE_DEPENDENCY = "\x1b]8;;https://evil.example\x07left-pad"
SHOWN_DEPENDENCY = "\\x1b]8;;https://evil.example\\x07left-pad"
TITLE = "\x1b]0;pwned\x07"
SHOWN_TITLE = "\\x1b]0;pwned\\x07"
CONTROL = [chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F)]


def controls_in(text: str) -> list[str]:
    return sorted({repr(char) for char in text if char in CONTROL})


def hostile_pull_request(fake: FakeGitHub, tmp_path: Path) -> PullRequestWorld:
    manifest = {"name": "shop", "version": "1.0.0", "dependencies": {"express": "4.18.2"}}
    head_manifest = {**manifest, "dependencies": {"express": "4.18.2", HOSTILE_DEPENDENCY: "1.0.0"}}
    world = make_world(
        fake,
        tmp_path,
        {HOSTILE_FILE: BASE_APP, "package.json": json.dumps(manifest)},
        {HOSTILE_FILE: HEAD_APP, "package.json": json.dumps(head_manifest)},
    )
    fake.set_role("octo", "demo", "writer", "write")
    return world


async def test_the_offline_review_posted_on_a_pull_request_shows_hostile_names_escaped(
    client: TestClient[web.Request, web.Application],
    fake_github: FakeGitHub,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = hostile_pull_request(fake_github, tmp_path)
    await deliver(client, world.comment_delivery("/vibe review", "writer"))
    await burst()

    [review] = reviews_of(fake_github).reviews
    body = review["body"]
    assert controls_in(body) == []
    assert f"`{SHOWN_FILE}`" in body and f"`{SHOWN_DEPENDENCY}`" in body
    assert "`package.json`" in body  # the areas list the real changed files
    # The finding on the hostile file is placed on it: its path is kept exact, escaped only
    # where people read it.
    [posted] = fake_github.requests_to("POST", "/repos/octo/demo/pulls/1/reviews")
    assert {comment["path"] for comment in posted.json["comments"]} == {HOSTILE_FILE}


async def test_a_model_review_quoting_an_escape_sequence_is_posted_with_it_escaped(
    client: TestClient[web.Request, web.Application],
    worker_settings: Settings,
    fake_github: FakeGitHub,
    fake_llm: FakeLLM,
    tmp_path: Path,
    burst: Burst,
) -> None:
    world = hostile_pull_request(fake_github, tmp_path)
    fake_llm.reply_next(
        json.dumps(
            {
                "summary": f"Adds {TITLE}remove to {HOSTILE_FILE}.",
                "risks": [f"Shell command built from input {TITLE}"],
                "comments": [  # line 14 carries the analyzer's finding, which wins there
                    {"path": HOSTILE_FILE, "line": 15, "body": f"Quote the name {TITLE}first."}
                ],
            }
        )
    )
    settings = worker_settings.model_copy(update=fake_llm.settings_for(MODEL))
    await deliver(client, world.comment_delivery("/vibe review", "writer"))
    await burst(settings)

    [posted] = fake_github.requests_to("POST", "/repos/octo/demo/pulls/1/reviews")
    assert controls_in(posted.json["body"]) == []
    assert SHOWN_TITLE in posted.json["body"]
    paths = {comment["path"] for comment in posted.json["comments"]}
    assert paths == {HOSTILE_FILE}  # GitHub places a comment by the file's exact path
    bodies = [comment["body"] for comment in posted.json["comments"]]
    assert any(SHOWN_TITLE in body for body in bodies)
    assert all(controls_in(body) == [] for body in bodies)


def docs_project(root: Path) -> Path:
    files = {
        "pyproject.toml": """\
            [project]
            name = "inventory"
            version = "1.0.0"
            description = "Stock levels"
            """,
        "inventory/__init__.py": '"""Stock levels."""\n',
        f"inventory/{HOSTILE_FILE}": "def add_item(name):\n    return name\n",
    }
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_vibe_docs_shows_a_hostile_module_name_escaped_in_its_diff_headers(tmp_path: Path) -> None:
    project = docs_project(tmp_path / "inventory")

    result = vibe("docs", project, "--offline")

    assert result.returncode == 0, result.stderr
    headers = [line for line in result.stdout.splitlines() if line.startswith(("--- ", "+++ "))]
    assert f"+++ b/inventory/{SHOWN_FILE}" in headers
    assert controls_in("\n".join(headers)) == []
    assert controls_in(result.stderr) == []


def test_vibe_docs_repeats_a_model_server_error_with_its_escape_sequence_escaped(
    tmp_path: Path, fake_llm: FakeLLM
) -> None:
    project = docs_project(tmp_path / "inventory")
    fake_llm.fail_next(3, status=400, message=f"bad request {TITLE}\x1b[2J")

    result = vibe(
        "docs",
        project,
        "--no-docstrings",
        env={
            "VIBE_LLM_MODEL": MODEL,
            "VIBE_LLM_API_BASE": fake_llm.api_base,
            "VIBE_LLM_API_KEY": API_KEY,
        },
    )

    assert result.returncode == 0, result.stderr
    [failed] = [line for line in result.stderr.splitlines() if " failed: " in line]
    assert SHOWN_TITLE in failed
    assert controls_in(result.stderr) == []


def test_the_reason_of_an_ignore_is_shown_escaped_in_the_findings() -> None:
    reason = f"accepted {TITLE}[link=https://evil.example]see[/link] risk\\"
    finding = Finding(
        tool="osv",
        rule_id="GHSA-xxxx-yyyy-zzzz",
        severity="error",
        message="requests 2.0.0 is vulnerable",
        path="requirements.txt",
        start_line=1,
        end_line=1,
        fingerprint="f" * 16,
        suppression=Suppression(justification=reason),
    )
    report = AnalysisReport(root="/repo", findings=[finding])
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=400)

    render_findings_text(report, console)

    [line] = [line for line in out.getvalue().splitlines() if "ignored" in line]
    shown = line.replace("\x1b[0m", "").replace("\x1b[2m", "").replace("\x1b[1;2;31m", "")
    assert controls_in(shown) == []
    assert f"[ignored: accepted {SHOWN_TITLE}[link=https://evil.example]see[/link] risk" in shown
    assert "\x1b]8;" not in line  # no hyperlink written by the reason's markup
