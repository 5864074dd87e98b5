"""End to end: a ``deploy`` job run by a real worker against the fake GitHub and the fake
Kubernetes API, and what a user then sees (GitHub deployments, the cluster, the comment)."""

from __future__ import annotations

import json

from app.agents.deployer.previews import SECTION_START
from app.reporting.comment import COMMENT_MARKER
from app.store import deployments as deployments_store
from jobs.flows.deploy import janitor_request
from tests.deploy.conftest import IMAGE, INSTALLATION, NAME, OWNER, Deployer, DeployWorld
from tests.fakes.github_deployments import deployments_of


async def test_a_push_is_applied_with_the_sha_as_tag_and_reported_as_a_successful_deployment(
    world: DeployWorld, deployer: Deployer
) -> None:
    sha = world.main_sha
    await deployer.run(world.push_request(sha, "push-1"))

    assert world.kube.images_of("demo", "web") == [f"{IMAGE}:{sha}"]
    assert world.kube.deployment("demo", "web")["spec"]["replicas"] == 3  # the overlay's patch
    assert world.kube.get("services", "demo", "web") is not None
    applies = world.kube.applies()
    assert {request.query["fieldManager"] for request in applies} == {"vibeintelligence"}
    assert {request.path for request in applies} == {
        "/apis/apps/v1/namespaces/demo/deployments/web",
        "/api/v1/namespaces/demo/services/web",
    }
    github = deployments_of(world.fake)
    [deployment] = github.for_environment("production")
    assert deployment["sha"] == sha
    assert github.states(deployment["id"]) == ["in_progress", "success"]
    assert github.last_status(deployment["id"])["environment_url"] == "https://demo.example.com"
    [row] = await deployments_store.deployments_of(deployer.pool, world.repository_id)
    assert (row["environment"], row["sha"], row["status"]) == ("production", sha, "success")
    assert row["url"] == "https://demo.example.com"
    job = await deployer.job("deploy:push-1")
    assert job["status"] == "succeeded"


async def test_a_rollout_that_never_becomes_ready_fails_and_rolls_back(
    world: DeployWorld, deployer: Deployer
) -> None:
    good = world.main_sha
    await deployer.run(world.push_request(good, "push-1"))
    bad = world.push({"README.md": "# demo, broken\n"})
    world.kube.never_ready_images.add(f"{IMAGE}:{bad}")

    await deployer.run(world.push_request(bad, "push-2"))

    github = deployments_of(world.fake)
    newest = github.for_environment("production")[-1]
    assert newest["sha"] == bad
    assert github.states(newest["id"]) == ["in_progress", "failure"]
    reason = github.last_status(newest["id"])["description"]
    assert "timed out progressing" in reason and "rolled back" in reason
    assert len(reason) <= 140
    assert world.kube.images_of("demo", "web") == [f"{IMAGE}:{good}"]
    rows = await deployments_store.deployments_of(deployer.pool, world.repository_id)
    assert [row["status"] for row in rows] == ["success", "failure"]
    details = json.loads(rows[-1]["details"])
    assert details["rolled_back"] == ["Deployment/web to revision 1"]


async def test_fields_owned_by_another_manager_are_a_conflict_reported_as_failure(
    world: DeployWorld, deployer: Deployer
) -> None:
    await deployer.run(world.push_request(world.main_sha, "push-1"))
    key = ("/apis/apps/v1", "deployments", "demo", "web")
    world.kube.edit(key, ("spec", "replicas"), 5, manager="kubectl-edit")
    sha = world.push({"README.md": "# demo 2\n"})

    await deployer.run(world.push_request(sha, "push-2"))

    github = deployments_of(world.fake)
    newest = github.for_environment("production")[-1]
    assert github.states(newest["id"]) == ["in_progress", "failure"]
    assert 'conflict with "kubectl-edit"' in github.last_status(newest["id"])["description"]
    assert world.kube.deployment("demo", "web")["spec"]["replicas"] == 5


async def test_a_retried_job_creates_no_second_github_deployment(
    world: DeployWorld, deployer: Deployer
) -> None:
    world.fake.fail_next(1, 502, match="POST /repos/octo/demo/deployments/")
    await deployer.run(world.push_request(world.main_sha, "push-1"))

    github = deployments_of(world.fake)
    [deployment] = github.for_environment("production")
    assert github.states(deployment["id"]) == ["in_progress", "success"]
    assert len(world.fake.requests_to("POST", "/repos/octo/demo/deployments")) == 1


async def test_a_broken_deploy_section_skips_the_job_naming_file_and_line(
    world: DeployWorld, deployer: Deployer
) -> None:
    broken = "deploy:\n  environments:\n    production:\n      namespace: Demo_NS\n"
    sha = world.push({".github/vibe.yml": broken})

    await deployer.run(world.push_request(sha, "push-1"))

    job = await deployer.job("deploy:push-1")
    assert job["status"] == "skipped"
    assert ".github/vibe.yml" in job["error"] and "line 4" in job["error"]
    assert deployments_of(world.fake).deployments == []


async def test_a_labelled_pull_request_gets_a_preview_namespace_and_its_url_in_the_comment(
    world: DeployWorld, deployer: Deployer
) -> None:
    head = world.git.commit("feature", {**world.files, "app.txt": "new\n"}, world.main_sha)
    pull = world.fake.add_pull_request(OWNER, NAME, head="feature", base="main")
    pull["labels"] = [{"name": "preview"}]

    await deployer.run(world.pull_request(pull["number"], "pr-1", "labeled"))

    namespace = world.kube.get("namespaces", None, "pr-1")
    assert namespace is not None
    assert namespace["metadata"]["labels"]["vibeintelligence.dev/pull-number"] == "1"
    assert world.kube.images_of("pr-1", "web") == [f"{IMAGE}:{head}"]
    github = deployments_of(world.fake)
    [deployment] = github.for_environment("pr-1")
    assert deployment["transient_environment"] is True
    assert github.states(deployment["id"]) == ["in_progress", "success"]
    [comment] = world.fake.comments_on(OWNER, NAME, 1)
    assert comment["body"].startswith(COMMENT_MARKER)
    assert "https://pr-1.preview.example.com" in comment["body"]

    # A new push updates the preview and edits the same comment.
    new_head = world.git.commit("feature", {**world.files, "app.txt": "newer\n"}, head)
    world.git.repo.references.create("refs/pull/1/head", new_head, force=True)
    pull["head"]["sha"] = new_head
    await deployer.run(world.pull_request(1, "pr-2", "synchronize"))

    assert world.kube.images_of("pr-1", "web") == [f"{IMAGE}:{new_head}"]
    [edited] = world.fake.comments_on(OWNER, NAME, 1)
    assert edited["id"] == comment["id"]
    assert new_head[:7] in edited["body"] and edited["body"].count(SECTION_START) == 1


async def test_an_unlabelled_pull_request_gets_no_preview(
    world: DeployWorld, deployer: Deployer
) -> None:
    world.git.commit("feature", {**world.files, "app.txt": "new\n"}, world.main_sha)
    world.fake.add_pull_request(OWNER, NAME, head="feature", base="main")

    await deployer.run(world.pull_request(1, "pr-1", "opened"))

    assert "pr-1" not in world.kube.namespaces()
    job = await deployer.job("deploy:pr-1")
    assert job["status"] == "skipped" and "preview" in job["error"]


async def test_closing_the_pull_request_deletes_its_preview_namespace(
    world: DeployWorld, deployer: Deployer
) -> None:
    world.git.commit("feature", {**world.files, "app.txt": "new\n"}, world.main_sha)
    pull = world.fake.add_pull_request(OWNER, NAME, head="feature", base="main")
    pull["labels"] = [{"name": "preview"}]
    await deployer.run(world.pull_request(1, "pr-1", "labeled"))
    assert "pr-1" in world.kube.namespaces()

    pull["state"] = "closed"
    await deployer.run(world.pull_request(1, "pr-2", "closed"))

    assert "pr-1" not in world.kube.namespaces()
    assert world.kube.get("deployments", "pr-1", "web") is None
    github = deployments_of(world.fake)
    [deployment] = github.for_environment("pr-1")
    assert github.states(deployment["id"])[-1] == "inactive"
    [comment] = world.fake.comments_on(OWNER, NAME, 1)
    assert "preview environment was removed" in comment["body"]
    rows = await deployments_store.deployments_of(deployer.pool, world.repository_id)
    assert [row["status"] for row in rows] == ["inactive"]


async def test_the_janitor_removes_previews_whose_pull_request_is_gone(
    world: DeployWorld, deployer: Deployer
) -> None:
    world.git.commit("feature", {**world.files, "app.txt": "new\n"}, world.main_sha)
    for number in (1, 2):
        pull = world.fake.add_pull_request(OWNER, NAME, number, head="feature", base="main")
        pull["labels"] = [{"name": "preview"}]
    await deployer.run(
        world.pull_request(1, "pr-1", "labeled"), world.pull_request(2, "pr-2", "labeled")
    )
    assert {"pr-1", "pr-2"} <= set(world.kube.namespaces())
    # Pull request 1 was closed while no worker ran; 2 is still open.
    world.fake.pulls[(f"{OWNER}/{NAME}", 1)]["state"] = "closed"

    await deployer.run(
        janitor_request(
            run_id="h1",
            installation_id=INSTALLATION,
            repository=f"{OWNER}/{NAME}",
            repository_id=world.repository_id,
        )
    )

    assert "pr-1" not in world.kube.namespaces()
    assert "pr-2" in world.kube.namespaces()
    job = await deployer.job(f"preview_janitor:janitor-{world.repository_id}-h1")
    assert json.loads(job["output"]) == {"removed": ["pr-1"]}
