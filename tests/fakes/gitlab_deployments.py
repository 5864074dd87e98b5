"""The fake GitLab's environments and deployments (GitLab's api/environments.md and
api/deployments.md), validating as GitLab does.

``POST /projects/:id/deployments`` needs ``environment``, ``sha``, ``ref``, ``tag`` and a
``status`` among created/running/success/failed/canceled, and a sha the project has (400 else);
the environment is created when it does not exist, and a deployment makes a stopped environment
available again. ``PUT …/deployments/:id`` moves the status along GitLab's state machine only: a
finished deployment (success, failed, canceled) or one already in the asked state is a 400.
Environments: a second one of the same name is a 400, ``external_url`` must be an http(s) URL,
and stopping one that is not available is a 400.

Read what happened with :func:`deployments_of`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygit2
from aiohttp import web

from tests.fakes.gitlab import (
    FakeGitLab,
    FakeProject,
    Reject,
    _fake,
    _require,
    paginated,
    timestamp,
)

DEPLOYMENT_STATUSES = ("created", "running", "success", "failed", "canceled")
_FINISHED = ("success", "failed", "canceled")


@dataclass
class FakeGitLabDeployments:
    environments: dict[int, dict[str, Any]] = field(default_factory=dict)
    deployments: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Every status a deployment went through, oldest first.
    history: dict[int, list[str]] = field(default_factory=dict)

    def environment(self, project_id: int, name: str) -> dict[str, Any] | None:
        return next(
            (
                env
                for env in self.environments.values()
                if env["project_id"] == project_id and env["name"] == name
            ),
            None,
        )

    def for_environment(self, project_id: int, name: str) -> list[dict[str, Any]]:
        """The deployments of environment ``name``, oldest first."""
        return [
            deployment
            for deployment in self.deployments.values()
            if deployment["project_id"] == project_id and deployment["environment"]["name"] == name
        ]

    def statuses(self, deployment_id: int) -> list[str]:
        return list(self.history[deployment_id])


# One state per running fake; keyed by identity, as FakeGitLab is not hashable.
_STATE: dict[int, FakeGitLabDeployments] = {}


def deployments_of(fake: FakeGitLab) -> FakeGitLabDeployments:
    return _STATE.setdefault(id(fake), FakeGitLabDeployments())


def _state(request: web.Request) -> tuple[FakeGitLab, FakeProject, FakeGitLabDeployments]:
    fake = _fake(request)
    return fake, fake.project_of(request.match_info["project"]), deployments_of(fake)


def _environment_json(env: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in env.items() if key != "project_id"}


def _external_url(body: dict[str, Any]) -> str | None:
    url = body.get("external_url")
    if url is None:
        return None
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise Reject(400, {"external_url": ["is blocked: Only allowed schemes are http, https"]})
    return url


def _new_environment(
    fake: FakeGitLab, state: FakeGitLabDeployments, project: FakeProject, name: str
) -> dict[str, Any]:
    environment_id = fake.next_id()
    env = {
        "id": environment_id,
        "name": name,
        "slug": name.lower().replace("/", "-")[:24],
        "external_url": None,
        "state": "available",
        "tier": "production" if name == "production" else "other",
        "created_at": timestamp(),
        "updated_at": timestamp(),
        "project_id": project.id,
    }
    state.environments[environment_id] = env
    return env


def _environment_of(request: web.Request) -> tuple[FakeGitLabDeployments, dict[str, Any]]:
    _, project, state = _state(request)
    env = state.environments.get(int(request.match_info["environment_id"]))
    if env is None or env["project_id"] != project.id:
        raise Reject(404, "404 Not found")
    return state, env


async def list_environments(request: web.Request) -> web.Response:
    _, project, state = _state(request)
    name, states = request.query.get("name"), request.query.get("states")
    if name is not None and request.query.get("search") is not None:
        raise Reject(400, "400 Bad request - name, search are mutually exclusive")
    found = [
        _environment_json(env)
        for env in state.environments.values()
        if env["project_id"] == project.id
        and (name is None or env["name"] == name)
        and (states is None or env["state"] == states)
    ]
    return paginated(request, found)


async def get_environment(request: web.Request) -> web.Response:
    _, env = _environment_of(request)
    return web.json_response(_environment_json(env))


async def create_environment(request: web.Request) -> web.Response:
    fake, project, state = _state(request)
    body = _require(request["json"], "name")
    if state.environment(project.id, str(body["name"])) is not None:
        raise Reject(400, {"name": ["has already been taken"]})
    external_url = _external_url(body)
    env = _new_environment(fake, state, project, str(body["name"]))
    env.update(external_url=external_url, tier=body.get("tier") or env["tier"])
    return web.json_response(_environment_json(env), status=201)


async def update_environment(request: web.Request) -> web.Response:
    _, env = _environment_of(request)
    body = request["json"] if isinstance(request["json"], dict) else {}
    if "external_url" in body:
        env["external_url"] = _external_url(body)
    if "tier" in body:
        env["tier"] = body["tier"]
    env["updated_at"] = timestamp()
    return web.json_response(_environment_json(env))


async def stop_environment(request: web.Request) -> web.Response:
    _, env = _environment_of(request)
    if env["state"] != "available":
        raise Reject(400, "400 Bad request - Environment is not available")
    env.update(state="stopped", updated_at=timestamp())
    return web.json_response(_environment_json(env))


def _deployment_json(state: FakeGitLabDeployments, deployment: dict[str, Any]) -> dict[str, Any]:
    env = state.environments[deployment["environment"]["id"]]
    shown = {key: value for key, value in deployment.items() if key != "project_id"}
    return {**shown, "environment": _environment_json(env)}


async def list_deployments(request: web.Request) -> web.Response:
    _, project, state = _state(request)
    environment, status = request.query.get("environment"), request.query.get("status")
    found = [
        _deployment_json(state, deployment)
        for deployment in state.deployments.values()
        if deployment["project_id"] == project.id
        and (environment is None or deployment["environment"]["name"] == environment)
        and (status is None or deployment["status"] == status)
    ]
    if request.query.get("sort", "asc") == "desc":
        found.reverse()
    return paginated(request, found)


def _deployment_of(request: web.Request) -> tuple[FakeGitLabDeployments, dict[str, Any]]:
    _, project, state = _state(request)
    deployment = state.deployments.get(int(request.match_info["deployment_id"]))
    if deployment is None or deployment["project_id"] != project.id:
        raise Reject(404, "404 Not found")
    return state, deployment


async def get_deployment(request: web.Request) -> web.Response:
    state, deployment = _deployment_of(request)
    return web.json_response(_deployment_json(state, deployment))


def _status(body: dict[str, Any]) -> str:
    status = body.get("status")
    if status not in DEPLOYMENT_STATUSES:
        raise Reject(400, "400 Bad request - status does not have a valid value")
    return str(status)


async def create_deployment(request: web.Request) -> web.Response:
    fake, project, state = _state(request)
    body = _require(request["json"], "environment", "sha", "ref", "status")
    if not isinstance(body.get("tag"), bool):
        raise Reject(400, "400 Bad request - tag is missing")
    status = _status(body)
    try:
        project.repo()[str(body["sha"])].peel(pygit2.Commit)
    except (KeyError, ValueError) as exc:
        raise Reject(400, {"sha": ["is not a commit of this project"]}) from exc
    env = state.environment(project.id, str(body["environment"]))
    if env is None:
        env = _new_environment(fake, state, project, str(body["environment"]))
    # A new deployment brings a stopped environment back.
    env.update(state="available", updated_at=timestamp())
    deployment = {
        "id": fake.next_id(),
        "iid": 1 + sum(1 for d in state.deployments.values() if d["project_id"] == project.id),
        "ref": body["ref"],
        "sha": body["sha"],
        "tag": body["tag"],
        "status": status,
        "created_at": timestamp(),
        "updated_at": timestamp(),
        "finished_at": timestamp() if status in _FINISHED else None,
        "user": fake.bot,
        "deployable": None,
        "environment": {"id": env["id"], "name": env["name"]},
        "project_id": project.id,
    }
    state.deployments[deployment["id"]] = deployment
    state.history[deployment["id"]] = [status]
    return web.json_response(_deployment_json(state, deployment), status=201)


async def update_deployment(request: web.Request) -> web.Response:
    state, deployment = _deployment_of(request)
    status = _status(_require(request["json"], "status"))
    current = deployment["status"]
    if current in _FINISHED or current == status or status == "created":
        raise Reject(400, {"status": [f"cannot transition from {current} to {status}"]})
    deployment.update(
        status=status,
        updated_at=timestamp(),
        finished_at=timestamp() if status in _FINISHED else None,
    )
    state.history[deployment["id"]].append(status)
    return web.json_response(_deployment_json(state, deployment))


def add_deployment_routes(app: web.Application, project: str) -> None:
    router = app.router
    environment = f"{project}/environments/{{environment_id:\\d+}}"
    deployment = f"{project}/deployments/{{deployment_id:\\d+}}"
    router.add_get(f"{project}/environments", list_environments)
    router.add_post(f"{project}/environments", create_environment)
    router.add_get(environment, get_environment)
    router.add_put(environment, update_environment)
    router.add_post(f"{environment}/stop", stop_environment)
    router.add_get(f"{project}/deployments", list_deployments)
    router.add_post(f"{project}/deployments", create_deployment)
    router.add_get(deployment, get_deployment)
    router.add_put(deployment, update_deployment)
