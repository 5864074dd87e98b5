"""GitLab's jobs, joined: the merge request check and the ``/vibe`` commands of merge request
and issue notes (the default branch's baseline, ``gitlab_push_scan``, is
:mod:`jobs.flows.push_scan`).

- ``gitlab_mr_check`` (:mod:`jobs.flows.check`): Merge Request Hook open/reopen/update with
  commits.
- ``gitlab_note_command`` (:mod:`jobs.flows.commands`, as GitHub's ``comment_command``): the
  ``/vibe`` commands of merge request and issue notes.
"""

from __future__ import annotations

from jobs.flows.check import run_check
from jobs.flows.commands import run_command
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry

MR_CHECK_TIMEOUT_S = 900.0


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.GITLAB_MR_CHECK, run_check, timeout_s=MR_CHECK_TIMEOUT_S)
    registry.register(JobKind.GITLAB_NOTE_COMMAND, run_command, timeout_s=MR_CHECK_TIMEOUT_S)
