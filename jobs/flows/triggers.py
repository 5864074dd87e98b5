"""What asked for a job, as its request's ``extra["trigger"]`` says. A job a person asked for by a
command may do what a push's may not: run without the setting, propose from the branch's current
head."""

from __future__ import annotations

from jobs.queue.kinds import JobRequest

COMMAND_TRIGGER = "command"  # a `/vibe …` comment or note
PUSH_TRIGGER = "push"  # a push to the default branch


def commanded_job(command: JobRequest, kind: str) -> JobRequest:
    """The job of ``kind`` that the job running a command (``command``) asks for, about the same
    repository: its id is the command's delivery, so a retried command job asks for none."""
    return JobRequest(
        kind=kind,
        delivery_id=command.delivery_id,
        event=command.event,
        installation_id=command.installation_id,
        repository=command.repository,
        repository_id=command.repository_id,
        sender=command.sender,
        extra={"trigger": COMMAND_TRIGGER},
    )
