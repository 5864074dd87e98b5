"""issue_comment: a new comment whose body starts with ``/vibe`` is a command for us."""

from __future__ import annotations

from typing import Any

from gidgethub import sansio
from gidgethub.routing import Router

from handlers.job_requests import job_request
from jobs.queue.kinds import JobKind
from jobs.queue.outbox import JobPlan

router = Router()

COMMAND_PREFIX = "/vibe"


def command_line(body: str | None) -> str | None:
    """The ``/vibe ...`` first line of a comment, or None if the comment is not a command."""
    first_line = (body or "").lstrip().split("\n", 1)[0].strip()
    if first_line == COMMAND_PREFIX or first_line.startswith(COMMAND_PREFIX + " "):
        return first_line
    return None


@router.register("issue_comment", action="created")
async def comment_command(event: sansio.Event, *, plan: JobPlan, **_: Any) -> None:
    comment = event.data["comment"]
    # Our own comments (and other bots') never trigger commands: no loops.
    if (comment.get("user") or {}).get("type") == "Bot":
        return
    command = command_line(comment.get("body"))
    if command is None:
        return
    issue = event.data["issue"]
    request = job_request(
        event,
        JobKind.COMMENT_COMMAND,
        comment_id=comment["id"],
        pull_number=issue["number"],
        command=command,
        extra={"is_pull_request": "pull_request" in issue},
    )
    if request is not None:
        plan.add(request)
