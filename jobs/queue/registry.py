"""Which function runs each job kind, and the job modules every worker loads.

A module that provides jobs exposes ``register_jobs(registry: JobRegistry) -> None``; the worker
loads :data:`DEFAULT_JOB_MODULES` plus any given with ``--jobs-module``. A kind that is declared
but has no handler yet still gets an ARQ function: its jobs are recorded ``skipped`` with the
reason, so nothing the receiver enqueues is ever "function not found".

    def register_jobs(registry: JobRegistry) -> None:
        registry.register(JobKind.PR_CHECK, run_pr_check, timeout_s=900)
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from app.errors import UsageError
from jobs.queue.context import JobHandler
from jobs.queue.kinds import KIND_QUEUES, JobKind

# Modules whose register_jobs() every worker calls.
DEFAULT_JOB_MODULES: tuple[str, ...] = (
    "jobs.maintenance.installation",
    "jobs.flows.check",
    "jobs.flows.commands",
    "jobs.flows.push_scan",
    "jobs.flows.deploy",
    "jobs.flows.docs",
    "jobs.flows.review",
    "jobs.flows.upgrades",
    "jobs.flows.ask",
)


@dataclass(frozen=True)
class JobSpec:
    kind: str
    handler: JobHandler | None = None
    timeout_s: float | None = None  # None: the worker's default
    max_tries: int | None = None  # None: the worker's default
    queue: str | None = None  # None: the default queue; else the one queue its jobs go to

    def runs_on(self, queue_name: str, default_queue: str) -> bool:
        return (self.queue or default_queue) == queue_name


class JobRegistry:
    def __init__(self) -> None:
        self._specs: dict[str, JobSpec] = {}

    def declare(
        self, kind: str, *, timeout_s: float | None = None, max_tries: int | None = None
    ) -> None:
        """Make ``kind`` known to the worker, with no handler (yet)."""
        kind = str(kind)
        current = self._specs.get(kind, JobSpec(kind, queue=KIND_QUEUES.get(kind)))
        self._specs[kind] = replace(
            current,
            timeout_s=timeout_s if timeout_s is not None else current.timeout_s,
            max_tries=max_tries if max_tries is not None else current.max_tries,
        )

    def register(
        self,
        kind: str,
        handler: JobHandler,
        *,
        timeout_s: float | None = None,
        max_tries: int | None = None,
    ) -> None:
        """Run ``handler`` for jobs of ``kind``; a kind has one handler, a second is a bug."""
        kind = str(kind)
        current = self._specs.get(kind)
        if current is not None and current.handler is not None and current.handler is not handler:
            raise ValueError(
                f"job kind {kind!r} already runs {current.handler.__qualname__}; "
                f"cannot also register {handler.__qualname__}"
            )
        self.declare(kind, timeout_s=timeout_s, max_tries=max_tries)
        self._specs[kind] = replace(self._specs[kind], handler=handler)

    def get(self, kind: str) -> JobSpec | None:
        return self._specs.get(str(kind))

    def specs(self) -> list[JobSpec]:
        return [self._specs[kind] for kind in sorted(self._specs)]

    def kinds_on(self, queue_name: str, default_queue: str) -> list[str]:
        """The kinds whose jobs are enqueued on ``queue_name`` (``default_queue``: the shared one).

        The enqueueing side routes by :data:`jobs.queue.kinds.KIND_QUEUES`; a worker on any queue
        still knows every kind, so a job that lands on the wrong queue is run, not lost."""
        return [spec.kind for spec in self.specs() if spec.runs_on(queue_name, default_queue)]

    def load(self, module_name: str) -> None:
        """Import ``module_name`` and let it register its jobs."""
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise UsageError(
                f"--jobs-module {module_name}: cannot import it ({exc}); "
                "give a dotted module path importable from the current environment"
            ) from exc
        hook = getattr(module, "register_jobs", None)
        if not callable(hook):
            raise UsageError(
                f"--jobs-module {module_name}: it has no register_jobs(registry) function"
            )
        hook(self)


def build_registry(extra_modules: Iterable[str] = ()) -> JobRegistry:
    """Every kind the receiver enqueues, with the handlers of the default and extra modules."""
    registry = JobRegistry()
    for kind in JobKind:
        registry.declare(kind)
    for module_name in (*DEFAULT_JOB_MODULES, *extra_modules):
        registry.load(module_name)
    return registry
