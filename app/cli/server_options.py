"""What ``vibe serve``, ``vibe worker`` and ``vibe migrate`` share: settings and worker options."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.errors import UsageError

if TYPE_CHECKING:
    from app.settings import Settings
    from jobs.queue.runner import WorkerOptions


def load_settings_or_usage() -> Settings:
    from app.settings import SettingsError, load_settings

    try:
        return load_settings()
    except (SettingsError, ValueError) as exc:
        raise UsageError(str(exc)) from None


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be greater than 0")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def add_worker_options(parser: argparse.ArgumentParser) -> None:
    """Options of the ARQ worker, shared by ``vibe worker`` and ``vibe serve``."""
    group = parser.add_argument_group("worker")
    group.add_argument(
        "--jobs-module",
        action="append",
        default=[],
        metavar="MODULE",
        help="also load job handlers from MODULE (its register_jobs(registry)); repeatable",
    )
    group.add_argument(
        "--max-jobs", type=positive_int, default=10, help="jobs run at once per worker (default 10)"
    )
    group.add_argument(
        "--job-timeout",
        type=positive_float,
        default=600.0,
        metavar="SECONDS",
        help="time limit of a job whose kind sets none (default 600)",
    )
    group.add_argument(
        "--max-job-timeout",
        type=positive_float,
        default=None,
        metavar="SECONDS",
        help="cap every job kind's time limit, its own included; a job whose "
        "worker died runs again after the longest limit + --lock-grace",
    )
    group.add_argument(
        "--max-tries",
        type=positive_int,
        default=5,
        help="tries of a job with transient errors before it fails (default 5)",
    )
    group.add_argument(
        "--retry-base",
        type=positive_float,
        default=5.0,
        metavar="SECONDS",
        help="first retry delay, doubled at each try (default 5)",
    )
    group.add_argument(
        "--lock-grace",
        type=positive_float,
        default=10.0,
        metavar="SECONDS",
        help="a job whose worker died runs again this long after its time limit (default 10)",
    )
    group.add_argument(
        "--poll-delay",
        type=positive_float,
        default=0.5,
        metavar="SECONDS",
        help="queue polling interval (default 0.5)",
    )
    group.add_argument(
        "--drain-timeout",
        type=positive_float,
        default=30.0,
        metavar="SECONDS",
        help="on SIGTERM, wait this long for running jobs before handing them "
        "back to the queue (default 30)",
    )
    group.add_argument(
        "--queue",
        default="arq:queue",
        metavar="NAME",
        help="the ARQ queue (default arq:queue); `docs` runs the documentation jobs",
    )


def worker_option_args(args: argparse.Namespace) -> list[str]:
    """The worker options of ``args`` as command-line arguments again (for child processes)."""
    argv = [
        "--max-jobs",
        str(args.max_jobs),
        "--job-timeout",
        str(args.job_timeout),
        "--max-tries",
        str(args.max_tries),
        "--retry-base",
        str(args.retry_base),
        "--lock-grace",
        str(args.lock_grace),
        "--poll-delay",
        str(args.poll_delay),
        "--drain-timeout",
        str(args.drain_timeout),
        "--queue",
        args.queue,
    ]
    if args.max_job_timeout is not None:
        argv += ["--max-job-timeout", str(args.max_job_timeout)]
    for module in args.jobs_module:
        argv += ["--jobs-module", module]
    return argv


def worker_options(args: argparse.Namespace) -> WorkerOptions:
    from jobs.queue.runner import WorkerOptions

    return WorkerOptions(
        job_timeout_s=args.job_timeout,
        max_job_timeout_s=args.max_job_timeout,
        max_tries=args.max_tries,
        retry_base_s=args.retry_base,
        lock_grace_s=args.lock_grace,
        poll_delay_s=args.poll_delay,
        max_jobs=args.max_jobs,
        drain_timeout_s=args.drain_timeout,
    )
