"""Every analysis of a repository's commits runs the same custom rule packs as its pull request
check (app.agents.analyzer.commit_packs): the reviewer's input reads the base branch's packs,
never the head's, and the deploy verdict of a push fails on a repository rule or a broken pack
as the check does."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.agents.analyzer.commit_packs import commit_packs
from app.agents.analyzer.custom_packs import PackError
from app.models.config import load_repo_config
from jobs.flows.deploy_triggers import push_verdict
from jobs.flows.review import review_input_at
from tests.analyzer.conftest import GitRepo

CONFIG = 'rules:\n  packs: [".semgrep/"]\n'
NO_PRINT = """\
rules:
  - id: no-print
    languages: [python]
    severity: ERROR
    message: use the logger, not print()
    pattern: print(...)
"""
ORG_RULE = NO_PRINT.replace("no-print", "no-todo").replace("print(...)", "todo(...)")
CLEAN = "import logging\n\nlogging.info('hello')\n"


def test_the_packs_of_a_commit_are_that_commit_s_and_the_organisation_s(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "ship.yml").write_text(ORG_RULE)
    base = git_repo.commit({".github/vibe.yml": CONFIG, ".semgrep/a.yml": NO_PRINT}, "base")
    head = git_repo.commit({".semgrep/b.yml": ORG_RULE}, "a second rule file")
    config = load_repo_config(CONFIG, ".github/vibe.yml")
    data_dir = tmp_path / "data"

    with commit_packs(git_repo.repo, base, config, data_dir=data_dir, rules_dir=org) as packs:
        assert [(p.name, p.prefix) for p in packs] == [
            ("org", "org."),
            (".semgrep/", "repo.semgrep."),
        ]
        assert sorted(f.name for f in packs[1].directory.iterdir()) == ["a.yml"]
    with commit_packs(git_repo.repo, head, config, data_dir=data_dir, rules_dir=None) as packs:
        assert [p.name for p in packs] == [".semgrep/"]
        assert sorted(f.name for f in packs[0].directory.iterdir()) == ["a.yml", "b.yml"]


def test_a_broken_pack_at_the_commit_names_its_file_and_line(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    sha = git_repo.commit(
        {".github/vibe.yml": CONFIG, ".semgrep/a.yml": NO_PRINT.replace("pattern:", "patern:")},
        "typo",
    )
    config = load_repo_config(CONFIG, ".github/vibe.yml")

    with (
        pytest.raises(PackError) as caught,
        commit_packs(git_repo.repo, sha, config, data_dir=tmp_path / "data", rules_dir=None),
    ):
        pass
    assert caught.value.filename == ".semgrep/a.yml"
    assert "`.semgrep/a.yml` line 2" in str(caught.value)


def test_the_review_input_reads_the_base_branch_packs_not_the_head_s(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    git_repo.commit(
        {".github/vibe.yml": CONFIG, ".semgrep/style.yml": NO_PRINT, "app.py": CLEAN}, "base"
    )
    git_repo.branch("feature")
    # The change prints and rewrites the rule against it: the check's rules still apply.
    head = git_repo.commit(
        {
            "app.py": CLEAN + "print('debug')\n",
            ".semgrep/style.yml": NO_PRINT.replace("print(...)", "never_called()"),
        },
        "print, and no rule against it",
    )
    config = load_repo_config(CONFIG, ".github/vibe.yml")

    review_input = review_input_at(git_repo.root, head, "main", config, tmp_path / "data")

    assert [(f.rule_id, f.path, f.start_line) for f in review_input.new_findings] == [
        ("repo.semgrep.no-print", "app.py", 4)
    ]


def test_the_deploy_verdict_fails_on_a_repository_rule_and_on_a_broken_pack(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    before = git_repo.commit(
        {".github/vibe.yml": CONFIG, ".semgrep/style.yml": NO_PRINT, "app.py": CLEAN}, "base"
    )
    head = git_repo.commit({"app.py": CLEAN + "print('debug')\n"}, "print")
    data_dir = tmp_path / "data"

    verdict = push_verdict(git_repo.root, head, before, data_dir, frozenset())
    assert verdict.conclusion == "failure", verdict.reason
    clean = git_repo.commit({"app.py": CLEAN}, "no print")
    assert push_verdict(git_repo.root, clean, head, data_dir, frozenset()).green

    broken = git_repo.commit({".semgrep/style.yml": "rules:\n  - id: x\n    pattern: f(\n"}, "oops")
    verdict = push_verdict(git_repo.root, broken, clean, data_dir, frozenset())
    assert verdict.conclusion == "failure"
    assert "`.semgrep/style.yml`" in verdict.reason


def test_the_deploy_verdict_runs_the_organisation_pack(git_repo: GitRepo, tmp_path: Path) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "ship.yml").write_text(ORG_RULE)
    before = git_repo.commit({"app.py": CLEAN}, "base")
    head = git_repo.commit({"app.py": CLEAN + "todo()\n"}, "todo")

    assert push_verdict(git_repo.root, head, before, tmp_path / "data", frozenset()).green
    verdict = push_verdict(
        git_repo.root, head, before, tmp_path / "data", frozenset(), rules_dir=org
    )
    assert verdict.conclusion == "failure"
