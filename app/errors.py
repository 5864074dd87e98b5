"""Exception families that cross module boundaries and map to CLI exit codes."""

from __future__ import annotations


class VibeError(Exception):
    """Base of every error we raise on purpose; its message is meant for the user."""

    exit_code = 3


class ForgeError(VibeError):
    """A forge's API (GitHub, GitLab) failed. ``status``: the HTTP status, when there was an
    answer; ``transient``: a network error, a 5xx or a rate limit, worth trying again later;
    ``retry_after``: the seconds the forge asked us to wait."""

    status: int | None
    transient: bool
    retry_after: float | None


class UsageError(VibeError):
    """Bad input from the user (a path that does not exist, a bad flag value): exit status 2."""

    exit_code = 2


class ToolError(VibeError):
    """An external tool (semgrep, bandit, git) is missing or crashed: exit status 3."""

    exit_code = 3
