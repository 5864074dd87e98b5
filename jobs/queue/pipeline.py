"""The pull request pipeline's jobs, joined: each concern lives in its own module.

- ``pr_check`` (:mod:`jobs.flows.check`): pull_request opened/synchronize/reopened/
  ready_for_review, check_suite requested/rerequested, check_run rerequested.
- ``comment_command`` (:mod:`jobs.flows.commands`): ``/vibe rescan``, ``/vibe ignore``,
  ``/vibe help``.
- ``push_scan`` and ``gitlab_push_scan`` (:mod:`jobs.flows.push_scan`): the default branch's
  baseline, on either forge.
- missed deliveries (:mod:`jobs.maintenance.recover`), also as a periodic job of the worker.
"""

from __future__ import annotations

from jobs.flows.check import run_check
from jobs.flows.commands import run_command
from jobs.flows.push_scan import run_push_scan
from jobs.queue.kinds import JobKind
from jobs.queue.registry import JobRegistry

PR_CHECK_TIMEOUT_S = 900.0
PUSH_SCAN_TIMEOUT_S = 1800.0


def register_jobs(registry: JobRegistry) -> None:
    registry.register(JobKind.PR_CHECK, run_check, timeout_s=PR_CHECK_TIMEOUT_S)
    registry.register(JobKind.COMMENT_COMMAND, run_command, timeout_s=PR_CHECK_TIMEOUT_S)
    registry.register(JobKind.PUSH_SCAN, run_push_scan, timeout_s=PUSH_SCAN_TIMEOUT_S)
    registry.register(JobKind.GITLAB_PUSH_SCAN, run_push_scan, timeout_s=PUSH_SCAN_TIMEOUT_S)
