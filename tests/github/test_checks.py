"""Check runs: GitHub's 50-annotation limit, batching, and finding our run by external_id."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from app.github.checks import create_check_run, find_check_run, update_check_run
from app.github.errors import GitHubError
from tests.fakes.github import FakeGitHub
from tests.github.conftest import git


def _annotations(count: int) -> list[dict[str, object]]:
    return [
        {
            "path": "app.py",
            "start_line": line,
            "end_line": line,
            "annotation_level": "warning",
            "message": f"finding {line}",
        }
        for line in range(1, count + 1)
    ]


async def test_more_than_50_annotations_in_one_request_are_rejected_by_the_fake(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path
) -> None:
    gh = demo.client(session).installation(7)
    output = {
        "title": "VibeIntelligence",
        "summary": "51 findings",
        "annotations": _annotations(51),
    }

    with pytest.raises(GitHubError) as caught:
        await gh.post(
            "/repos/octo/demo/check-runs",
            data={
                "name": "vibe",
                "head_sha": git(origin, "rev-parse", "feature"),
                "output": output,
            },
        )

    assert caught.value.status == 422
    assert "No more than 50 items are allowed; 51 were supplied." in caught.value.message
    assert demo.check_runs == []


async def test_annotations_are_sent_in_batches_of_50_and_the_conclusion_comes_last(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path
) -> None:
    gh = demo.client(session).installation(7)
    head_sha = git(origin, "rev-parse", "feature")
    run = await create_check_run(
        gh,
        "octo",
        "demo",
        name="vibe",
        head_sha=head_sha,
        external_id="job-1",
        status="in_progress",
    )

    final = await update_check_run(
        gh,
        "octo",
        "demo",
        run["id"],
        output={"title": "120 findings", "summary": "see the annotations"},
        annotations=_annotations(120),
        conclusion="failure",
    )

    patches = demo.requests_to("PATCH", f"/repos/octo/demo/check-runs/{run['id']}")
    assert [len(p.json["output"]["annotations"]) for p in patches] == [50, 50, 20]
    assert ["conclusion" in p.json for p in patches] == [False, False, True]
    assert final["status"] == "completed" and final["conclusion"] == "failure"
    assert final["output"]["annotations_count"] == 120
    assert len(demo.annotations[run["id"]]) == 120


async def test_a_new_run_with_many_annotations_posts_50_then_patches_the_rest(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path
) -> None:
    gh = demo.client(session).installation(7)

    run = await create_check_run(
        gh,
        "octo",
        "demo",
        name="vibe",
        head_sha=git(origin, "rev-parse", "feature"),
        status="completed",
        conclusion="neutral",
        output={"title": "75 findings", "summary": "…"},
        annotations=_annotations(75),
    )

    assert len(demo.requests_to("POST", "/repos/octo/demo/check-runs")) == 1
    assert len(demo.requests_to("PATCH", f"/repos/octo/demo/check-runs/{run['id']}")) == 1
    assert demo.check_run(run["id"])["output"]["annotations_count"] == 75


async def test_find_check_run_by_external_id_for_a_branch_or_sha(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path
) -> None:
    gh = demo.client(session).installation(7)
    head_sha = git(origin, "rev-parse", "feature")
    await create_check_run(gh, "octo", "demo", name="vibe", head_sha=head_sha, external_id="a")
    ours = await create_check_run(
        gh, "octo", "demo", name="vibe", head_sha=head_sha, external_id="b"
    )

    found = await find_check_run(gh, "octo", "demo", "feature", name="vibe", external_id="b")
    assert found is not None and found["id"] == ours["id"]
    assert await find_check_run(gh, "octo", "demo", head_sha, name="vibe", external_id="c") is None


async def test_the_fake_rejects_what_github_rejects_in_a_check_run(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path
) -> None:
    gh = demo.client(session).installation(7)
    head_sha = git(origin, "rev-parse", "feature")
    bad_level = _annotations(1)
    bad_level[0]["annotation_level"] = "error"
    cases = [
        ({"head_sha": head_sha}, '"name" wasn\'t supplied.'),
        ({"name": "vibe", "head_sha": "f" * 40}, "No commit found for SHA"),
        ({"name": "vibe", "head_sha": head_sha, "status": "done"}, '"done" is not a member'),
        (
            {
                "name": "vibe",
                "head_sha": head_sha,
                "output": {"title": "t", "summary": "s", "annotations": bad_level},
            },
            "\"error\" is not a member of ['notice', 'warning', 'failure']",
        ),
        (
            {"name": "vibe", "head_sha": head_sha, "output": {"title": "t"}},
            '"summary" wasn\'t supplied.',
        ),
    ]
    for body, expected in cases:
        with pytest.raises(GitHubError) as caught:
            await gh.post("/repos/octo/demo/check-runs", data=body)
        assert caught.value.status == 422
        assert expected in caught.value.message


async def test_a_check_run_lists_the_pull_requests_of_its_head(
    demo: FakeGitHub, session: aiohttp.ClientSession, origin: Path
) -> None:
    gh = demo.client(session).installation(7)

    run = await create_check_run(
        gh, "octo", "demo", name="vibe", head_sha=git(origin, "rev-parse", "feature")
    )

    assert [pull["number"] for pull in run["pull_requests"]] == [1]
    assert run["app"]["id"] == demo.app_id
