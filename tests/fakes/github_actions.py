"""GitHub Actions' ``workflow_dispatch`` endpoint of the fake GitHub, validating like GitHub.

``POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches`` (workflow id or file
name) answers 204 with no body. GitHub answers 404 for an unknown workflow, 422 when ``ref`` is
missing or names nothing, when the workflow has no ``workflow_dispatch`` trigger, or when an
input is not declared by the workflow ("Unexpected inputs provided"), and at most 25 inputs.

    add_workflow(fake, "octo", "demo", "deploy.yml", inputs=["environment", "sha"])
    ...
    [run] = dispatches_of(fake)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.github import FakeGitHub
from tests.fakes.github_repos import read_json, repo_of
from tests.fakes.github_server import FAKE, Reject, fake_of

DOCS = "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event"
MAX_INPUTS = 25


@dataclass
class FakeWorkflow:
    id: int
    path: str  # ".github/workflows/deploy.yml"
    inputs: list[str]
    dispatchable: bool = True


@dataclass
class FakeActions:
    workflows: dict[str, list[FakeWorkflow]] = field(default_factory=dict)  # by "owner/repo"
    dispatches: list[dict[str, Any]] = field(default_factory=list)


_STATE: dict[int, FakeActions] = {}


def actions_of(fake: FakeGitHub) -> FakeActions:
    return _STATE.setdefault(id(fake), FakeActions())


def dispatches_of(fake: FakeGitHub) -> list[dict[str, Any]]:
    return actions_of(fake).dispatches


def add_workflow(
    fake: FakeGitHub,
    owner: str,
    repo: str,
    file_name: str,
    *,
    inputs: list[str] | None = None,
    dispatchable: bool = True,
) -> FakeWorkflow:
    workflow = FakeWorkflow(
        fake.next_id(), f".github/workflows/{file_name}", list(inputs or []), dispatchable
    )
    actions_of(fake).workflows.setdefault(f"{owner}/{repo}".lower(), []).append(workflow)
    return workflow


async def create_dispatch(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    wanted = request.match_info["workflow_id"]
    workflows = actions_of(fake).workflows.get(repo.full_name.lower(), [])
    workflow = next(
        (w for w in workflows if str(w.id) == wanted or w.path.rsplit("/", 1)[-1] == wanted),
        None,
    )
    if workflow is None:
        raise Reject(404, "Not Found", documentation_url=DOCS)
    body = await read_json(request)
    ref = body.get("ref")
    if not isinstance(ref, str) or not ref:
        raise Reject(422, 'Invalid request.\n\n"ref" wasn\'t supplied.', documentation_url=DOCS)
    if fake.resolve(repo.owner, repo.name, ref) is None:
        raise Reject(422, f"No ref found for: {ref}", documentation_url=DOCS)
    if not workflow.dispatchable:
        raise Reject(
            422, "Workflow does not have 'workflow_dispatch' trigger", documentation_url=DOCS
        )
    inputs = body.get("inputs") or {}
    if not isinstance(inputs, dict) or len(inputs) > MAX_INPUTS:
        raise Reject(422, f"inputs: at most {MAX_INPUTS} properties", documentation_url=DOCS)
    unexpected = sorted(set(inputs) - set(workflow.inputs))
    if unexpected:
        raise Reject(422, f"Unexpected inputs provided: {unexpected}", documentation_url=DOCS)
    actions_of(fake).dispatches.append(
        {"repository": repo.full_name, "workflow": workflow.path, "ref": ref, "inputs": inputs}
    )
    return web.Response(status=204)


def add_actions_routes(app: web.Application, repo: str) -> None:
    _STATE[id(app[FAKE])] = FakeActions()
    app.router.add_post(f"{repo}/actions/workflows/{{workflow_id}}/dispatches", create_dispatch)
