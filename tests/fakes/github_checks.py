"""Check-run endpoints of the fake GitHub, validating like the Checks API.

Most importantly GitHub's limit of 50 annotations per create or update request (a 422), and its
appending of annotations across updates.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes import github_shapes as shapes
from tests.fakes.github import FakeGitHub, FakeRepo
from tests.fakes.github_repos import not_supplied, read_json, repo_of
from tests.fakes.github_server import Reject, fake_of, paginated

CHECK_STATUSES = ("queued", "in_progress", "completed")
CONCLUSIONS = (
    "action_required",
    "cancelled",
    "failure",
    "neutral",
    "success",
    "skipped",
    "stale",
    "timed_out",
)
LEVELS = ("notice", "warning", "failure")
ANNOTATION_FIELDS = ("path", "start_line", "end_line", "annotation_level", "message")
CHECKS_DOCS = "https://docs.github.com/rest/checks/runs"
MAX_TEXT = 65535


def check_run_problems(body: dict[str, Any], creating: bool) -> list[str]:
    problems = []
    missing = [name for name in ("name", "head_sha") if creating and not body.get(name)]
    if missing:
        problems.append(not_supplied(missing))
    if "status" in body and body["status"] not in CHECK_STATUSES:
        problems.append(f'"{body["status"]}" is not a member of {list(CHECK_STATUSES)}.')
    if body.get("conclusion") is not None and body["conclusion"] not in CONCLUSIONS:
        problems.append(f'"{body["conclusion"]}" is not a member of {list(CONCLUSIONS)}.')
    if body.get("status") == "completed" and not body.get("conclusion"):
        problems.append(not_supplied(["conclusion"]))
    output = body.get("output")
    if output is not None:
        problems.extend(_output_problems(output))
    return problems


def _output_problems(output: Any) -> list[str]:
    if not isinstance(output, dict):
        return ['"output" is not an object.']
    problems = []
    missing = [name for name in ("title", "summary") if not output.get(name)]
    if missing:
        problems.append(not_supplied(missing))
    for name in ("summary", "text"):
        if len(output.get(name) or "") > MAX_TEXT:
            problems.append(
                f"Only {MAX_TEXT} characters are allowed; {len(output[name])} were supplied."
            )
    annotations = output.get("annotations") or []
    if len(annotations) > 50:
        problems.append(f"No more than 50 items are allowed; {len(annotations)} were supplied.")
    for annotation in annotations:
        absent = [name for name in ANNOTATION_FIELDS if annotation.get(name) in (None, "")]
        if absent:
            problems.append(not_supplied(absent))
        elif annotation["annotation_level"] not in LEVELS:
            level = annotation["annotation_level"]
            problems.append(f'"{level}" is not a member of {list(LEVELS)}.')
        elif ("start_column" in annotation or "end_column" in annotation) and annotation[
            "start_line"
        ] != annotation["end_line"]:
            problems.append("start_column and end_column may only be used on a single line.")
    return problems


def _check_or_reject(body: dict[str, Any], creating: bool, doc: str) -> None:
    problems = check_run_problems(body, creating)
    if problems:
        raise Reject(422, "Invalid request.\n\n" + "\n".join(problems), documentation_url=doc)


def _apply_check_run(fake: FakeGitHub, run: dict[str, Any], body: dict[str, Any]) -> None:
    for name in ("name", "details_url", "external_id", "started_at", "status", "actions"):
        if name in body:
            run[name] = body[name]
    if body.get("conclusion"):
        run["conclusion"] = body["conclusion"]
        run["status"] = "completed"
        run["completed_at"] = body.get("completed_at") or shapes.timestamp()
    output = body.get("output")
    if output:
        stored = fake.annotations.setdefault(run["id"], [])
        # GitHub appends the annotations of every update to those already there.
        stored.extend(dict(item) for item in output.get("annotations") or [])
        run["output"].update(
            title=output.get("title"),
            summary=output.get("summary"),
            text=output.get("text"),
            annotations_count=len(stored),
        )


async def create_check_run(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    body = await read_json(request)
    _check_or_reject(body, True, CHECKS_DOCS + "#create-a-check-run")
    if repo.git_dir is not None and fake.resolve(repo.owner, repo.name, body["head_sha"]) is None:
        raise Reject(422, f"No commit found for SHA: {body['head_sha']}")
    run_id = fake.next_id()
    base = f"{fake.url}/repos/{repo.full_name}/check-runs/{run_id}"
    run: dict[str, Any] = {
        "id": run_id,
        "head_sha": body["head_sha"],
        "node_id": f"CR_{run_id}",
        "external_id": "",
        "url": base,
        "html_url": f"{fake.web_url}/{repo.full_name}/runs/{run_id}",
        "details_url": fake.app_json()["external_url"],
        "status": "queued",
        "conclusion": None,
        "started_at": shapes.timestamp(),
        "completed_at": None,
        "output": {
            "title": None,
            "summary": None,
            "text": None,
            "annotations_count": 0,
            "annotations_url": base + "/annotations",
        },
        "name": body["name"],
        "check_suite": {"id": 5000 + run_id},
        "app": {"id": fake.app_id, "slug": fake.slug, "name": "VibeIntelligence"},
        "pull_requests": [
            {
                "id": pull["id"],
                "number": pull["number"],
                "url": pull["url"],
                "head": {"ref": pull["head"]["ref"], "sha": pull["head"]["sha"]},
                "base": {"ref": pull["base"]["ref"], "sha": pull["base"]["sha"]},
            }
            for (key, _), pull in fake.pulls.items()
            if key == repo.full_name.lower() and pull["head"]["sha"] == body["head_sha"]
        ],
    }
    _apply_check_run(fake, run, body)
    fake.check_runs.append(run)
    return web.json_response(run, status=201)


def _find_run(request: web.Request, repo: FakeRepo) -> dict[str, Any]:
    fake = fake_of(request)
    run_id = int(request.match_info["check_run_id"])
    prefix = f"{fake.url}/repos/{repo.full_name}/".lower()
    for run in fake.check_runs:
        if run["id"] == run_id and run["url"].lower().startswith(prefix):
            return run
    raise Reject(404, "Not Found")


async def get_check_run(request: web.Request) -> web.Response:
    return web.json_response(_find_run(request, repo_of(request)))


async def update_check_run(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    run = _find_run(request, repo)
    body = await read_json(request)
    _check_or_reject(body, False, CHECKS_DOCS + "#update-a-check-run")
    _apply_check_run(fake, run, body)
    return web.json_response(run)


async def list_annotations(request: web.Request) -> web.Response:
    run = _find_run(request, repo_of(request))
    return paginated(request, fake_of(request).annotations.get(run["id"], []))


async def list_check_runs_for_ref(request: web.Request) -> web.Response:
    fake, repo = fake_of(request), repo_of(request)
    sha = fake.resolve(repo.owner, repo.name, request.match_info["ref"])
    if sha is None:
        raise Reject(422, f"No commit found for SHA: {request.match_info['ref']}")
    prefix = f"{fake.url}/repos/{repo.full_name}/".lower()
    runs = [
        run
        for run in fake.check_runs
        if run["head_sha"] == sha and run["url"].lower().startswith(prefix)
    ]
    if "check_name" in request.query:
        runs = [run for run in runs if run["name"] == request.query["check_name"]]
    if "status" in request.query:
        runs = [run for run in runs if run["status"] == request.query["status"]]
    if request.query.get("filter", "latest") == "latest":
        latest: dict[str, dict[str, Any]] = {}
        for run in runs:
            latest[run["name"]] = run
        runs = list(latest.values())
    runs.sort(key=lambda run: run["id"], reverse=True)
    return paginated(request, runs, wrap="check_runs")


def add_check_routes(app: web.Application, repo: str) -> None:
    router = app.router
    router.add_get(f"{repo}/commits/{{ref:.+}}/check-runs", list_check_runs_for_ref)
    router.add_post(f"{repo}/check-runs", create_check_run)
    router.add_get(f"{repo}/check-runs/{{check_run_id:\\d+}}", get_check_run)
    router.add_patch(f"{repo}/check-runs/{{check_run_id:\\d+}}", update_check_run)
    router.add_get(f"{repo}/check-runs/{{check_run_id:\\d+}}/annotations", list_annotations)
