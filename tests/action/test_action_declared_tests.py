"""``vibe action``: the step's own scan of the checkout says which code its test runner declares
as tests, and the test-code policy judges it so."""

from __future__ import annotations

from pathlib import Path

from tests.action.conftest import FAST_TOOLS, Repo, push_event, run_step, runner_env

CLIENT = """\
import requests


def get(path):
    return requests.get("https://localhost:8443" + path, verify=False, timeout=5)
"""
PYPROJECT = '[project]\nname = "shop"\n\n[tool.pytest.ini_options]\ntestpaths = ["qa"]\n'


def test_code_under_pytests_testpaths_is_judged_as_test_code(repo: Repo, tmp_path: Path) -> None:
    before = repo.commit({"README.md": "# Shop\n", "pyproject.toml": PYPROJECT}, "first")
    after = repo.commit(
        {
            "shop/client.py": CLIENT,
            "qa/client.py": CLIENT,  # not named like a test: pytest's testpaths say it is one
            "qa/test_orders.py": "def test_orders():\n    pass\n",
            "qa/test_refunds.py": "def test_refunds():\n    pass\n",
        },
        "a client, and the qa suites with theirs",
    )
    event = push_event(tmp_path / "event.json", before, after)
    env = runner_env(
        repo.root, tmp_path / "runner", "push", event, tools=FAST_TOOLS, fail_on="warning"
    )

    step = run_step(env)

    assert step.returncode == 1, step.stdout + step.stderr
    warnings = [line.split(",")[0] for line in step.lines("::warning file=")]
    assert warnings == ["::warning file=shop/client.py"]  # TLS verification off (B501)
    assert "in test code" in step.summary and "`paths.tests`" in step.summary
