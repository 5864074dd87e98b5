"""What a check run says when its job fails: the job's own message for an error we raise on
purpose, the error's type only for any other (its text may carry a path of the worker or a
value from a request), never a traceback. A check run is never left ``in_progress``."""

from __future__ import annotations

from app.errors import VibeError
from app.printable import printable
from app.reporting.summary import CheckOutput
from jobs.flows.results import failure_output
from jobs.queue.runner import is_transient

TITLE = "The analysis failed"
_TRACEBACK = "Traceback (most recent call last)"
MAX_PROBLEM_CHARS = 2000


def failure_problem(exc: BaseException, job_id: str) -> str:
    """The sentence a check run shows for ``exc``, which ended job ``job_id``."""
    if isinstance(exc, TimeoutError):
        return (
            "The analysis did not finish within the time a job is allowed, on any of its "
            "tries; nothing was reported for this commit. A very large change or repository "
            f"can need a longer limit; the server's worker log has job `{job_id}`."
        )
    if isinstance(exc, VibeError):
        # A tool's output tail can hold its traceback: the sentence before it is the message.
        text = str(exc).split(_TRACEBACK, 1)[0].rstrip(" :;\n") or type(exc).__name__
        return printable(text)[:MAX_PROBLEM_CHARS]
    return (
        f"The analysis stopped on an internal error ({type(exc).__name__}); nothing was "
        f"reported for this commit. The server's worker log has the details under job "
        f"`{job_id}`; push again or re-run the check once it is fixed."
    )


def said_in_full(exc: BaseException) -> bool:
    """Whether the check run's message is all there is to ``exc`` (a refusal we raise on
    purpose: the job ends with the check concluded); otherwise the job fails with it too."""
    return isinstance(exc, VibeError) and not is_transient(exc)


def failure_check_output(exc: BaseException, job_id: str) -> CheckOutput:
    return failure_output(TITLE, failure_problem(exc, job_id))
