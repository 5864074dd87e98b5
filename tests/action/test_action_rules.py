"""``vibe action`` with the organisation's rules (input ``rules-dir``) and the repository's
(``rules.packs`` in ``.github/vibe.yml``), run as the runner runs a step."""

from __future__ import annotations

import json
from pathlib import Path

from tests.action.conftest import Repo, push_event, run_step, runner_env

CONFIG = 'rules:\n  packs: [".semgrep/"]\n'
REPO_RULES = """\
rules:
  - id: no-print
    languages: [python]
    severity: WARNING
    message: use the logger, not print()
    pattern: print(...)
"""
ORG_RULES = """\
rules:
  - id: no-todo-call
    languages: [python]
    severity: ERROR
    message: todo() must not ship
    pattern: todo(...)
"""


def test_the_organisation_rules_input_and_the_repository_pack_annotate_by_name(
    repo: Repo, tmp_path: Path
) -> None:
    base = repo.commit({"README.md": "# Demo\n"}, "base")
    head = repo.commit(
        {
            ".github/vibe.yml": CONFIG,
            ".semgrep/style.yml": REPO_RULES,
            "org-rules/ship.yml": ORG_RULES,
            "app.py": "print('hi')\ntodo()\n",
        },
        "feature",
    )
    event = push_event(tmp_path / "event.json", base, head)
    env = runner_env(
        repo.root, tmp_path / "runner", "push", event, tools="semgrep", rules_dir="org-rules"
    )

    step = run_step(env)

    assert step.returncode == 1, step.stdout + step.stderr  # the org rule is error level
    [error] = step.lines("::error file=app.py")
    assert "title=semgrep%3A org.no-todo-call::todo() must not ship" in error
    [warning] = step.lines("::warning file=app.py")
    assert "repo.semgrep.no-print" in warning
    sarif = json.loads((repo.root / "vibe.sarif").read_text())
    [run] = [r for r in sarif["runs"] if r["tool"]["driver"]["name"] == "semgrep"]
    packs = {rule["id"]: rule["properties"]["pack"] for rule in run["tool"]["driver"]["rules"]}
    assert packs == {"org.no-todo-call": "org", "repo.semgrep.no-print": ".semgrep/"}
    assert {e["name"] for e in run["tool"]["extensions"]} == {"org", ".semgrep/"}


def test_a_broken_organisation_rule_fails_the_step_on_its_file_and_line(
    repo: Repo, tmp_path: Path
) -> None:
    broken = ORG_RULES.replace("    pattern: todo(...)\n", "    patterns: todo(...)\n")
    repo.commit({"org-rules/ship.yml": broken, "app.py": "todo()\n"}, "base")
    env = runner_env(
        repo.root, tmp_path / "runner", None, None, tools="semgrep", rules_dir="org-rules"
    )

    step = run_step(env)

    assert step.returncode == 2, step.stdout + step.stderr
    [error] = step.lines("::error ")
    assert "file=org-rules/ship.yml,line=2" in error
    assert "rule `no-todo-call`" in error
