"""``vibe action`` run as the runner runs a step: a real repository, a real event file, the
GITHUB_* variables; assertions on what a workflow author sees."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from tests.action.conftest import (
    FAST_TOOLS,
    FIXTURES,
    REPOSITORY,
    Repo,
    pull_request_event,
    push_event,
    run_step,
    run_step_async,
    runner_env,
)
from tests.fakes.github import FakeGitHub

OLD_CODE = "def check(value):\n    return eval(value)\n"
# An import of pickle (a note) and an unsafe YAML loader on line 5 (a warning: certain).
LOADER = (
    "import pickle\nimport yaml\n\ndef load(blob):\n"
    "    return yaml.load(blob, Loader=yaml.Loader)\n"
)


def aws_key(number: int) -> str:
    return f"AKIA{number:02d}QWERTYZXCVBNMP"


def feature_files() -> dict[str, str]:
    """Twelve new secrets (errors) in twelve files, a warning and a note, all on new lines."""
    files = {f"settings/env{n:02d}.py": f'ACCESS_KEY = "{aws_key(n)}"\n' for n in range(12)}
    files["loader.py"] = LOADER
    # Appended below the unchanged eval: the file changed, that line did not.
    files["check.py"] = OLD_CODE + "\n\ndef other(value):\n    return value\n"
    return files


def test_pull_request_run_annotates_new_findings_on_changed_lines(
    repo: Repo, tmp_path: Path
) -> None:
    base = repo.commit({"check.py": OLD_CODE, "README.md": "# Demo\n"}, "base")
    head = repo.commit(feature_files(), "feature")
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(repo.root, tmp_path / "runner", "pull_request", event, tools=FAST_TOOLS)
    env["GITHUB_SHA"] = head

    step = run_step(env)

    assert step.returncode == 1, step.stdout + step.stderr
    errors = step.lines("::error file=")
    assert len(errors) == 10  # GitHub shows ten of a level; the other two are in the group
    assert all(line.startswith("::error file=settings/env") for line in errors)
    assert ",line=1,endLine=1," in errors[0]
    assert "title=secrets%3A secrets.aws-access-key-id::" in errors[0]
    warnings = step.lines("::warning file=")
    assert [w.split(",")[0] for w in warnings] == ["::warning file=loader.py"]
    assert "title=bandit%3A B506::" in warnings[0]  # an unsafe loader: certain
    notices = step.lines("::notice file=")
    assert [n.split(",")[0] for n in notices] == ["::notice file=loader.py"]  # import pickle
    # The unchanged eval in check.py is not the author's doing: no annotation.
    assert "check.py" not in "\n".join(errors + warnings + notices)
    title, _, group = step.stdout.split("::group::", 1)[1].partition("\n")
    assert title.startswith("2 more findings on changed lines")
    rest = group.split("::endgroup::", 1)[0].strip().splitlines()
    assert len(rest) == 2 and all(": error: secrets: " in line for line in rest)
    assert step.lines("::error title=VibeIntelligence::")[-1].endswith("fail-on: error")
    for number in range(12):
        assert aws_key(number) not in step.stdout + step.stderr + step.summary

    sarif_path = repo.root / "vibe.sarif"
    assert step.outputs == {
        "findings": "15",
        "new-findings": "14",
        "health-score": step.outputs["health-score"],
        "sarif-file": str(sarif_path),
    }
    assert 0.0 <= float(step.outputs["health-score"]) <= 1.0
    assert len(step.outputs["health-score"].split(".")[1]) == 2
    sarif = json.loads(sarif_path.read_text())
    schema = json.loads((FIXTURES / "schemas" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    results = [r for run in sarif["runs"] for r in run["results"]]
    assert len(results) == 15
    assert {r.get("baselineState") for r in results} == {"new", "unchanged"}

    assert "## VibeIntelligence" in step.summary
    assert "14 new findings (12 errors, 1 warning, 1 note)" in step.summary
    assert f"https://github.com/{REPOSITORY}/blob/{head}/loader.py#L5" in step.summary


def test_push_compares_with_the_commit_before_the_push(repo: Repo, tmp_path: Path) -> None:
    repo.commit({"check.py": "def check(value):\n    return value\n"}, "first")
    before = repo.commit({"check.py": OLD_CODE}, "second: an eval, already pushed")
    after = repo.commit(
        {"loader.py": LOADER},
        "third: pickle",
    )
    event = push_event(tmp_path / "event.json", before, after)
    env = runner_env(
        repo.root,
        tmp_path / "runner",
        "push",
        event,
        tools=FAST_TOOLS,
        fail_on="warning",
        sarif_file="reports/vibe.sarif",
    )

    step = run_step(env)

    assert step.returncode == 1, step.stdout + step.stderr
    annotated = step.lines("::warning file=") + step.lines("::notice file=")
    assert sorted(line.split(",")[0] for line in annotated) == [
        "::notice file=loader.py",
        "::warning file=loader.py",
    ]
    assert step.outputs["findings"] == "3"
    assert step.outputs["new-findings"] == "2"
    assert step.outputs["sarif-file"] == str(repo.root / "reports" / "vibe.sarif")
    assert (repo.root / "reports" / "vibe.sarif").is_file()
    assert f"compared with the commit before the push {before[:12]}" in step.summary
    assert step.lines("::error title=VibeIntelligence::")[-1].endswith("fail-on: warning")


def test_shallow_clone_without_the_base_says_to_fetch_history(repo: Repo, tmp_path: Path) -> None:
    base = repo.commit({"check.py": OLD_CODE}, "base")
    head = repo.commit({"loader.py": "import pickle\n"}, "head")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(clone, tmp_path / "runner", "pull_request", event, tools=FAST_TOOLS)

    step = run_step(env)

    assert step.returncode == 2
    errors = step.lines("::error")
    assert len(errors) == 1, step.stdout
    assert base[:12] in errors[0]
    assert "shallow clone" in errors[0]
    assert "`fetch-depth: 0`" in errors[0]
    assert step.outputs == {}


@pytest.mark.parametrize(
    ("name", "inputs", "event_file", "expected"),
    [
        ("unknown fail-on", {"fail_on": "critical"}, True, "input fail-on is 'critical'"),
        ("missing event file", {}, False, "GITHUB_EVENT_PATH"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_status_2(
    repo: Repo,
    tmp_path: Path,
    name: str,
    inputs: dict[str, str],
    event_file: bool,
    expected: str,
) -> None:
    head = repo.commit({"check.py": OLD_CODE}, "base")
    event = tmp_path / "event.json"
    if event_file:
        pull_request_event(event, head, head)
    env = runner_env(repo.root, tmp_path / "runner", "pull_request", event, **inputs)

    step = run_step(env)

    assert step.returncode == 2, name
    assert step.stdout.count("::") == 2  # one command: "::error title=…::message"
    (line,) = step.stdout.strip().splitlines()
    assert line.startswith("::error title=VibeIntelligence::")
    assert expected in line


def test_config_error_points_at_the_file_and_line(repo: Repo, tmp_path: Path) -> None:
    head = repo.commit({".github/vibe.yml": "paths:\n  exclude: []\nfail_on: sometimes\n"})
    event = pull_request_event(tmp_path / "event.json", head, head)
    env = runner_env(repo.root, tmp_path / "runner", "pull_request", event)

    step = run_step(env)

    assert step.returncode == 2
    (line,) = step.stdout.strip().splitlines()
    assert line.startswith("::error title=VibeIntelligence,file=.github/vibe.yml,line=3::")
    assert "`fail_on` must be one of error, warning, note, never" in line


async def test_comment_is_created_once_then_edited_in_place(
    repo: Repo, tmp_path: Path, fake_github: FakeGitHub
) -> None:
    base = repo.commit({"check.py": OLD_CODE}, "base")
    head = repo.commit({"loader.py": "import pickle\n"}, "head")
    owner, name = REPOSITORY.split("/")
    fake_github.add_repo(owner, name, installation_id=7)
    fake_github.add_issue(owner, name, 2)  # the recorded payload's pull request number
    # The workflow's GITHUB_TOKEN is an installation token of the Actions App.
    token, _ = fake_github.issue_token(7)
    event = pull_request_event(tmp_path / "event.json", base, head)

    results = []
    for attempt in range(2):
        env = runner_env(
            repo.root,
            tmp_path / f"runner{attempt}",
            "pull_request",
            event,
            tools="secrets",
            comment="true",
            github_token=token,
            fail_on="never",
        )
        env["GITHUB_API_URL"] = fake_github.url
        results.append(await run_step_async(env))

    for step in results:
        assert step.returncode == 0, step.stdout + step.stderr
        assert token not in step.stdout + step.stderr + step.summary
        assert "pull request comment updated" in step.stdout
    comments = fake_github.comments_on(owner, name, 2)
    assert len(comments) == 1
    assert comments[0]["body"].startswith("<!-- vibe:action-comment -->\n<!-- vibe:pr-comment -->")
    # The "/vibe …" commands are the App's; nothing would answer them here.
    assert "/vibe" not in comments[0]["body"]
    assert len(fake_github.requests_to("POST", f"/repos/{owner}/{name}/issues/2/comments")) == 1
    assert all(
        r.headers.get("Authorization") == f"token {token}"
        for r in fake_github.requests_to("GET") + fake_github.requests_to("POST")
    )


async def test_a_rejected_token_is_a_warning_and_never_printed(
    repo: Repo, tmp_path: Path, fake_github: FakeGitHub
) -> None:
    base = repo.commit({"check.py": OLD_CODE}, "base")
    head = repo.commit({"loader.py": "import pickle\n"}, "head")
    owner, name = REPOSITORY.split("/")
    fake_github.add_repo(owner, name, installation_id=7)
    fake_github.add_issue(owner, name, 2)
    token, _ = fake_github.issue_token(7)
    fake_github.revoke_tokens()
    event = pull_request_event(tmp_path / "event.json", base, head)
    env = runner_env(
        repo.root,
        tmp_path / "runner",
        "pull_request",
        event,
        tools="secrets",
        comment="true",
        github_token=token,
    )
    env["GITHUB_API_URL"] = fake_github.url

    step = await run_step_async(env)

    assert step.returncode == 0, step.stdout + step.stderr
    (warning,) = step.lines("::warning title=VibeIntelligence::could not update")
    assert "HTTP 401" in warning and "Bad credentials" in warning
    assert token not in step.stdout + step.stderr + step.summary
    assert fake_github.comments_on(owner, name, 2) == []
    assert step.outputs["new-findings"] == "0"
