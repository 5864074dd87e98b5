"""The kinds of job the receiver asks for and the plain values each one carries.

Handlers import this module (and :mod:`jobs.queue.outbox`) only: a job request is a handful of plain
values (the delivery id, the installation, the repository, the head sha...), never the payload;
the job reads whatever else it needs from the ``deliveries`` table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from app import tracing
from app.models.repository_key import ForgeName

Scalar = str | int | float | bool | None


class JobKind(StrEnum):
    """Job kinds; each is also the name of the ARQ function that runs it."""

    PR_CHECK = "pr_check"
    PUSH_SCAN = "push_scan"
    INSTALLATION_SYNC = "installation_sync"
    COMMENT_COMMAND = "comment_command"
    DEPLOY = "deploy"  # jobs.flows.deploy: a push's environments, or a pull request's preview
    PREVIEW_JANITOR = "preview_janitor"
    GITLAB_DEPLOY = "gitlab_deploy"  # jobs.flows.deploy: a GitLab push's environments, MR preview
    GITLAB_MR_CHECK = "gitlab_mr_check"  # jobs.flows.check: a GitLab merge request's head
    GITLAB_PUSH_SCAN = "gitlab_push_scan"  # jobs.flows.push_scan: a GitLab default-branch scan
    GITLAB_NOTE_COMMAND = "gitlab_note_command"  # jobs.flows.commands: /vibe in a GitLab note
    GITLAB_DOCS = "gitlab_docs"  # jobs.flows.docs: the documentation merge request
    GITLAB_REVIEW = "gitlab_review"  # jobs.flows.review: /vibe review on a merge request
    GITLAB_DESCRIBE = "gitlab_describe"  # jobs.flows.review: /vibe describe on one
    GITLAB_UPGRADE = "gitlab_upgrade"  # jobs.flows.upgrades: the upgrade merge request
    DOCS = "docs"  # jobs.flows.docs: the documentation pull request, on its own queue
    REVIEW = "review"  # jobs.flows.review: one pull request review (/vibe review, review: auto)
    DESCRIBE = "describe"  # jobs.flows.review: the description section of a pull request
    UPGRADE = "upgrade"  # jobs.flows.upgrades: the vulnerable-dependency upgrade pull request
    ASK = "ask"  # jobs.flows.ask: the answer to /vibe ask, as a reply comment
    GITLAB_ASK = "gitlab_ask"  # jobs.flows.ask: the answer to /vibe ask in a GitLab note


# Kinds that run on a queue of their own, so that their workers can be placed apart (the docs
# worker runs on GPU nodes: ``vibe worker --queue docs``). Every other kind uses the default queue.
DOCS_QUEUE = "docs"
KIND_QUEUES: Mapping[str, str] = {
    JobKind.DOCS.value: DOCS_QUEUE,
    JobKind.GITLAB_DOCS.value: DOCS_QUEUE,
}


def forge_of_kind(kind: str) -> ForgeName:
    """Which forge a job of ``kind`` works on: GitLab's kinds say so in their names."""
    return "gitlab" if str(kind).startswith("gitlab_") else "github"


def queue_for(kind: str, default: str) -> str:
    """The ARQ queue a job of ``kind`` is enqueued on; ``default`` for the shared one."""
    return KIND_QUEUES.get(str(kind), default)


@dataclass(frozen=True)
class JobRequest:
    """What one job needs to know, as plain values. ``extra`` is for values a later kind adds."""

    kind: str
    delivery_id: str
    event: str | None = None
    action: str | None = None
    installation_id: int | None = None
    repository: str | None = None  # full name, "owner/name"
    repository_id: int | None = None
    head_sha: str | None = None
    head_ref: str | None = None
    base_sha: str | None = None
    base_ref: str | None = None
    pull_number: int | None = None
    check_suite_id: int | None = None
    check_run_id: int | None = None
    comment_id: int | None = None
    command: str | None = None
    sender: str | None = None
    extra: Mapping[str, Scalar] = field(default_factory=dict)
    # W3C trace context of the request that asked for the job (app.tracing); None when off.
    traceparent: str | None = None

    def __post_init__(self) -> None:
        # A JobKind member would travel pickled as an enum; keep the values plain.
        object.__setattr__(self, "kind", str(self.kind))

    @property
    def job_id(self) -> str:
        """The ARQ ``_job_id`` and the ``jobs``/``outbox`` key: one job per kind per delivery."""
        return f"{self.kind}:{self.delivery_id}"

    def to_args(self) -> dict[str, Any]:
        """JSON- and pickle-friendly form, without the empty values."""
        values = {name: getattr(self, name) for name in _FIELD_NAMES}
        values["extra"] = dict(self.extra)
        return {key: value for key, value in values.items() if value is not None and value != {}}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> JobRequest:
        return cls(**{key: value for key, value in args.items() if key in _FIELD_NAMES})


_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(JobRequest))


def traced_args(args: dict[str, Any]) -> dict[str, Any]:
    """``args`` with the current span's ``traceparent``, so that the job continues the trace
    through the outbox row and ARQ; ``args`` itself when tracing is off or it carries one."""
    if not tracing.enabled() or tracing.TRACEPARENT in args:
        return args
    traceparent = tracing.current_traceparent()
    return args if traceparent is None else {**args, tracing.TRACEPARENT: traceparent}
