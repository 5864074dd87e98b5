"""The action's inputs, from the ``INPUT_*`` variables its composite step sets.

The step passes every input through ``env:`` (``INPUT_FAIL_ON: ${{ inputs.fail-on }}``), never
through ``${{ }}`` inside ``run:``: an input expanded into the script is a script injection, and
the same variables let ``vibe action`` run outside Actions. Each bad value is a
:class:`~app.errors.UsageError` that names the input and its allowed values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import SecretStr

from app.errors import UsageError
from app.models.config import CONFIG_PATH

FailOn = Literal["error", "warning", "note", "never"]
FAIL_ON_CHOICES: tuple[FailOn, ...] = ("error", "warning", "note", "never")
TOOL_CHOICES = ("semgrep", "bandit", "secrets")
DEFAULT_SARIF_FILE = "vibe.sarif"
# The YAML 1.2 core schema's booleans, as @actions/core's getBooleanInput accepts them.
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


@dataclass(frozen=True)
class ActionInputs:
    fail_on: FailOn | None = None
    base: str | None = None
    sarif_file: str = DEFAULT_SARIF_FILE
    config: str = CONFIG_PATH
    annotations: bool = True
    comment: bool = False
    github_token: SecretStr | None = field(default=None, repr=False)
    tools: tuple[str, ...] = TOOL_CHOICES
    # The organisation's semgrep rules (a folder or file), relative to the workspace.
    rules_dir: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ActionInputs:
        token = _text(env, "GITHUB_TOKEN")
        inputs = cls(
            fail_on=_fail_on(_text(env, "FAIL_ON")),
            base=_text(env, "BASE"),
            sarif_file=_text(env, "SARIF_FILE") or DEFAULT_SARIF_FILE,
            config=_text(env, "CONFIG") or CONFIG_PATH,
            annotations=_boolean(env, "ANNOTATIONS", default=True),
            comment=_boolean(env, "COMMENT", default=False),
            github_token=SecretStr(token) if token else None,
            tools=_tools(_text(env, "TOOLS")),
            rules_dir=_text(env, "RULES_DIR"),
        )
        if inputs.comment and inputs.github_token is None:
            raise UsageError(
                "input comment is true but github-token is empty; pass "
                "`github-token: ${{ secrets.GITHUB_TOKEN }}` and grant "
                "`permissions: pull-requests: write`"
            )
        return inputs


def _text(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(f"INPUT_{name}", "").strip()
    return value or None


def _fail_on(value: str | None) -> FailOn | None:
    if value is None:
        return None
    if value not in FAIL_ON_CHOICES:
        raise UsageError(
            f"input fail-on is {value!r}; it must be one of {', '.join(FAIL_ON_CHOICES)} "
            "(or empty for the config's fail_on)"
        )
    return value


def _boolean(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    value = _text(env, name)
    if value is None:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    input_name = name.lower().replace("_", "-")
    raise UsageError(f"input {input_name} is {value!r}; it must be true or false")


def _tools(value: str | None) -> tuple[str, ...]:
    if value is None:
        return TOOL_CHOICES
    tools = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [tool for tool in tools if tool not in TOOL_CHOICES]
    if unknown or not tools:
        raise UsageError(
            f"input tools: unknown {', '.join(unknown) or '(empty)'}; use a comma-separated "
            f"list of {', '.join(TOOL_CHOICES)}"
        )
    return tools
