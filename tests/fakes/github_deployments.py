"""Deployment endpoints of the fake GitHub, validating like the Deployments API.

``POST …/deployments`` needs a ``ref`` that resolves (422 ``No ref found for: X``), a
description of at most 140 characters; statuses take GitHub's states only, and a ``success``
with ``auto_inactive`` (the default) marks the earlier successful deployments of the same
environment ``inactive``, as GitHub does for non-production, non-transient ones.

Read what happened with :func:`deployments_of` (state of one fake) or through the REST API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes import github_shapes as shapes
from tests.fakes.github import FakeGitHub
from tests.fakes.github_repos import read_json, repo_of
from tests.fakes.github_server import FAKE, Reject, fake_of, paginated

STATES = ("error", "failure", "inactive", "in_progress", "queued", "pending", "success")
DESCRIPTION_MAX = 140
DOCS = "https://docs.github.com/rest/deployments"


@dataclass
class FakeDeployments:
    deployments: list[dict[str, Any]] = field(default_factory=list)
    statuses: dict[int, list[dict[str, Any]]] = field(default_factory=dict)

    def for_environment(self, environment: str) -> list[dict[str, Any]]:
        return [d for d in self.deployments if d["environment"] == environment]

    def states(self, deployment_id: int) -> list[str]:
        """The states of a deployment's statuses, oldest first."""
        return [status["state"] for status in self.statuses.get(deployment_id, [])]

    def last_status(self, deployment_id: int) -> dict[str, Any]:
        return self.statuses[deployment_id][-1]


# One state per running fake; keyed by identity, as FakeGitHub is not hashable.
_STATE: dict[int, FakeDeployments] = {}


def deployments_of(fake: FakeGitHub) -> FakeDeployments:
    return _STATE.setdefault(id(fake), FakeDeployments())


def _description(body: dict[str, Any]) -> str:
    description = body.get("description") or ""
    if not isinstance(description, str) or len(description) > DESCRIPTION_MAX:
        raise Reject(
            422,
            "Validation Failed",
            errors=[
                {
                    "resource": "DeploymentStatus",
                    "code": "custom",
                    "field": "description",
                    "message": f"description is too long (maximum is {DESCRIPTION_MAX} characters)",
                }
            ],
        )
    return description


async def create_deployment(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    body = await read_json(request)
    ref = body.get("ref")
    if not isinstance(ref, str) or not ref:
        raise Reject(422, 'Invalid request.\n\n"ref" wasn\'t supplied.', documentation_url=DOCS)
    sha = fake.resolve(repo.owner, repo.name, ref)
    if sha is None:
        raise Reject(422, f"No ref found for: {ref}", documentation_url=DOCS)
    environment = body.get("environment") or "production"
    deployment_id = fake.next_id()
    base = f"{fake.url}/repos/{repo.full_name}/deployments/{deployment_id}"
    deployment = {
        "url": base,
        "id": deployment_id,
        "node_id": f"DE_{deployment_id}",
        "sha": sha,
        "ref": ref,
        "task": body.get("task") or "deploy",
        "payload": body.get("payload") or {},
        "original_environment": environment,
        "environment": environment,
        "description": _description(body),
        "creator": fake.bot(),
        "created_at": shapes.timestamp(),
        "updated_at": shapes.timestamp(),
        "statuses_url": f"{base}/statuses",
        "repository_url": f"{fake.url}/repos/{repo.full_name}",
        "transient_environment": bool(body.get("transient_environment", False)),
        "production_environment": bool(
            body.get("production_environment", environment == "production")
        ),
        "performed_via_github_app": {"id": fake.app_id, "slug": fake.slug},
    }
    state = deployments_of(fake)
    state.deployments.append(deployment)
    state.statuses[deployment_id] = []
    return web.json_response(deployment, status=201)


def _find(request: web.Request) -> dict[str, Any]:
    fake, repo = fake_of(request), repo_of(request)
    deployment_id = int(request.match_info["deployment_id"])
    for deployment in deployments_of(fake).deployments:
        if deployment["id"] == deployment_id and deployment["repository_url"].lower().endswith(
            f"/repos/{repo.full_name}".lower()
        ):
            return deployment
    raise Reject(404, "Not Found")


async def list_deployments(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    wanted = {name: request.query.get(name) for name in ("sha", "ref", "environment", "task")}
    found = [
        deployment
        for deployment in reversed(deployments_of(fake).deployments)
        if deployment["repository_url"].lower().endswith(f"/repos/{repo.full_name}".lower())
        and all(value is None or deployment[name] == value for name, value in wanted.items())
    ]
    return paginated(request, found)


async def get_deployment(request: web.Request) -> web.Response:
    return web.json_response(_find(request))


async def create_status(request: web.Request) -> web.Response:
    fake = fake_of(request)
    deployment = _find(request)
    body = await read_json(request)
    state = body.get("state")
    if state not in STATES:
        raise Reject(422, f'Invalid request.\n\n"{state}" is not a member of {list(STATES)}.')
    status_id = fake.next_id()
    log_url = body.get("log_url") or body.get("target_url") or ""
    status = {
        "url": f"{deployment['url']}/statuses/{status_id}",
        "id": status_id,
        "node_id": f"DES_{status_id}",
        "state": state,
        "creator": fake.bot(),
        "description": _description(body),
        "environment": body.get("environment") or deployment["environment"],
        "target_url": log_url,
        "log_url": log_url,
        "environment_url": body.get("environment_url") or "",
        "created_at": shapes.timestamp(),
        "updated_at": shapes.timestamp(),
        "deployment_url": deployment["url"],
        "repository_url": deployment["repository_url"],
    }
    registry = deployments_of(fake)
    if state == "success" and body.get("auto_inactive", True):
        _deactivate_earlier(registry, deployment, fake)
    registry.statuses[deployment["id"]].append(status)
    return web.json_response(status, status=201)


def _deactivate_earlier(
    registry: FakeDeployments, deployment: dict[str, Any], fake: FakeGitHub
) -> None:
    if deployment["production_environment"] or deployment["transient_environment"]:
        return
    for earlier in registry.deployments:
        if (
            earlier["id"] != deployment["id"]
            and earlier["environment"] == deployment["environment"]
            and earlier["repository_url"] == deployment["repository_url"]
            and "success" in registry.states(earlier["id"])
            and registry.states(earlier["id"])[-1] != "inactive"
        ):
            registry.statuses[earlier["id"]].append(
                {
                    "id": fake.next_id(),
                    "state": "inactive",
                    "description": "",
                    "environment": earlier["environment"],
                    "environment_url": "",
                    "created_at": shapes.timestamp(),
                    "deployment_url": earlier["url"],
                }
            )


async def list_statuses(request: web.Request) -> web.Response:
    deployment = _find(request)
    statuses = deployments_of(fake_of(request)).statuses[deployment["id"]]
    return paginated(request, list(reversed(statuses)))


def add_deployment_routes(app: web.Application, repo: str) -> None:
    _STATE[id(app[FAKE])] = FakeDeployments()
    router = app.router
    router.add_post(f"{repo}/deployments", create_deployment)
    router.add_get(f"{repo}/deployments", list_deployments)
    router.add_get(f"{repo}/deployments/{{deployment_id:\\d+}}", get_deployment)
    router.add_post(f"{repo}/deployments/{{deployment_id:\\d+}}/statuses", create_status)
    router.add_get(f"{repo}/deployments/{{deployment_id:\\d+}}/statuses", list_statuses)
