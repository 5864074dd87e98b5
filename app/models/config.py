"""The per-repository configuration: ``.github/vibe.yml``, or ``vibe scan --config FILE``.

Errors name the file, the line and the allowed values, because the person reading them is
editing that file: "`.github/vibe.yml` line 4: `fail_on` must be one of error, warning, note,
never". Lines come from PyYAML's node marks, mapped from pydantic's error locations.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from app.errors import UsageError
from app.models.finding import Severity
from app.notify.targets import NotifyTarget

FailOn = Literal["error", "warning", "note", "never"]
ReviewMode = Literal["auto", "command"]


class ConfigError(UsageError):
    """The repository configuration is invalid; the message names file, line and fix."""

    def __init__(self, message: str, *, filename: str, line: int | None = None) -> None:
        super().__init__(message)
        self.filename = filename
        self.line = line


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PathsConfig(_Strict):
    """Gitignore-style patterns, relative to the repository root.

    ``include`` re-admits paths that the default exclusions (lock files, vendored folders,
    generated and minified code, secret-test fixtures) would drop; ``exclude`` always wins.
    """

    exclude: list[str] = Field(default_factory=list)
    include: list[str] = Field(default_factory=list)
    default_excludes: bool = True


class RulesConfig(_Strict):
    disable: list[str] = Field(default_factory=list, description="Rule ids to drop.")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Severity overrides by rule id."
    )


class ProjectConfig(_Strict):
    """One project of a monorepo: its own settings for the paths under ``paths``."""

    name: str
    paths: list[str] = Field(min_length=1)
    fail_on: FailOn | None = None
    exclude: list[str] = Field(default_factory=list)
    rules: RulesConfig = Field(default_factory=RulesConfig)


class VulnerabilityIgnore(_Strict):
    """One advisory set aside: ``id`` is the advisory's id or any alias (CVE-…, GHSA-…)."""

    id: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    until: date | None = Field(default=None, description="ISO date; the ignore lapses after it.")


class VulnerabilitiesConfig(_Strict):
    ignore: list[VulnerabilityIgnore] = Field(default_factory=list)
    max_age_days: float | None = Field(
        default=None, gt=0, description="Warn when the OSV data is older; VIBE_OSV_MAX_AGE_DAYS."
    )
    upgrade_prs: bool = Field(
        default=True,
        description="After each push to the default branch, propose the fixed versions of "
        "vulnerable pinned dependencies as one pull request on `vibe/upgrades`.",
    )


class DocsConfig(_Strict):
    """``docs: true`` (or a mapping of these options): a pull request on branch ``vibe/docs``
    keeps README sections, ``docs/api.md`` and docstrings up to date after each push to the
    default branch."""

    enabled: bool = True
    docstrings: bool = Field(default=True, description="Also add missing docstrings.")
    max_docstrings: int = Field(default=100, ge=0, le=1000)


class RepoConfig(_Strict):
    fail_on: FailOn = "error"
    paths: PathsConfig = Field(default_factory=PathsConfig)
    rules: RulesConfig = Field(default_factory=RulesConfig)
    comment: bool = True
    neutral: bool = Field(
        default=False, description="Report findings with a neutral check conclusion."
    )
    docs: DocsConfig | None = None
    review: ReviewMode = Field(
        default="command",
        description="auto: review every pull request when opened or pushed to; command: "
        "only on `/vibe review`.",
    )
    deploy: dict[str, Any] | None = None
    projects: list[ProjectConfig] | None = None

    @field_validator("docs", mode="before")
    @classmethod
    def _docs_switch(cls, value: object) -> object:
        # `docs: true` is the short form of `docs: {enabled: true}`.
        if isinstance(value, bool):
            return {"enabled": value}
        if value is not None and not isinstance(value, dict):
            raise ValueError(
                "must be true, false or a mapping of options "
                f"({', '.join(DocsConfig.model_fields)})"
            )
        return value

    @property
    def docs_enabled(self) -> bool:
        return self.docs is not None and self.docs.enabled

    vulnerabilities: VulnerabilitiesConfig = Field(default_factory=VulnerabilitiesConfig)
    # Outgoing notifications of this repository's events (app.notify.targets).
    notify: list[NotifyTarget] = Field(default_factory=list)


def load_repo_config(text: str, filename: str) -> RepoConfig:
    """Parse and validate a configuration file's text; raise :class:`ConfigError`."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        where = f"`{filename}` line {line}" if line else f"`{filename}`"
        raise ConfigError(
            f"{where}: invalid YAML ({problem}); fix the syntax", filename=filename, line=line
        ) from None
    except ValueError as exc:  # a date-shaped scalar that is no date, e.g. 2026-13-01
        line = _bad_timestamp_line(root)
        where = f"`{filename}` line {line}" if line else f"`{filename}`"
        raise ConfigError(
            f"{where}: {exc}; write dates as YYYY-MM-DD", filename=filename, line=line
        ) from None
    if raw is None:
        return RepoConfig()
    if not isinstance(raw, dict):
        raise ConfigError(
            f"`{filename}` line 1: the file must be a mapping of settings "
            f"(allowed: {', '.join(RepoConfig.model_fields)})",
            filename=filename,
            line=1,
        )
    try:
        return RepoConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        line = _line_of(root, first)
        where = f"`{filename}` line {line}" if line else f"`{filename}`"
        raise ConfigError(f"{where}: {_describe(first)}", filename=filename, line=line) from None


def _bad_timestamp_line(node: yaml.Node | None) -> int | None:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return int(node.start_mark.line) + 1
        return None
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    for child in children:
        line = _bad_timestamp_line(child)
        if line is not None:
            return line
    return None


def _describe(error: ErrorDetails) -> str:
    loc = error["loc"]
    name = ".".join(str(part) for part in loc) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        hint = f"; allowed: {', '.join(allowed)}" if allowed else ""
        return f"`{name}` is not a known setting{hint}"
    if kind in ("literal_error", "enum"):
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        return f"`{name}` must be one of {', '.join(expected)}"
    if kind == "missing":
        return f"`{name}` is required"
    if kind == "value_error":
        return f"`{name}` {error['msg'].removeprefix('Value error, ')}"
    if kind.startswith("date_"):
        return f"`{name}` must be an ISO date such as 2026-12-31"
    return f"`{name}`: {error['msg'].lower()}"


def _allowed_keys(loc: tuple[int | str, ...]) -> list[str]:
    model: type[BaseModel] | None = RepoConfig
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        model = _model_in(field.annotation)
    return list(model.model_fields) if model is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _line_of(root: yaml.Node | None, error: ErrorDetails) -> int | None:
    """1-based line of the YAML node at the error's location (the key for unknown keys)."""
    node = root
    if node is None:
        return None
    best = node.start_mark.line + 1
    loc = error["loc"]
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            match = next((kv for kv in node.value if kv[0].value == part), None)
            if match is None:
                break
            key_node, value_node = match
            if last and error["type"] == "extra_forbidden":
                return int(key_node.start_mark.line) + 1
            node = value_node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
        best = node.start_mark.line + 1
    return int(best)
