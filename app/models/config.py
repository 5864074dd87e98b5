"""The per-repository configuration: ``.github/vibe.yml``, or ``vibe scan --config FILE``.

Errors name the file, the line and the allowed values, because the person reading them is
editing that file: "`.github/vibe.yml` line 4: `fail_on` must be one of error, warning, note,
never". Lines come from PyYAML's node marks, mapped from pydantic's error locations.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from app import repo_yaml
from app.errors import UsageError
from app.models.deploy import DeployConfig, deploy_error
from app.models.finding import Severity
from app.notify.targets import NotifyTarget

FailOn = Literal["error", "warning", "note", "never"]
ReviewMode = Literal["auto", "command"]
TestPolicy = Literal["suppress", "downgrade", "off"]
# Where a repository keeps its configuration (and so where its rule packs are named).
CONFIG_PATH = ".github/vibe.yml"


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
    ``tests`` names the test code (replacing the defaults of
    ``app.agents.analyzer.testcode``), where ``test_policy`` applies: ``suppress`` (findings
    that do not apply to tests are reported as suppressed, the others count as warnings at
    most), ``downgrade`` (those are notes instead) or ``off`` (test code is production code).
    """

    exclude: list[str] = Field(default_factory=list)
    include: list[str] = Field(default_factory=list)
    default_excludes: bool = True
    tests: list[str] | None = Field(
        default=None, description="Test code; unset: tests/, test_*.py, *_test.go, docs/ …"
    )
    test_policy: TestPolicy = "suppress"

    @field_validator("test_policy", mode="before")
    @classmethod
    def _policy_switch(cls, value: object) -> object:
        # YAML 1.1 reads a bare `off` as false (and `on` as true).
        if value is False:
            return "off"
        if value is True:
            return "suppress"
        return value


# Semgrep's registry names (`p/python`, `r/python.lang…`, `s/…`), which it would download.
_REGISTRY_PREFIXES = ("p/", "r/", "s/")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://|^[^/]*@[^/]*:")


def check_pack_path(value: str) -> str:
    """A ``rules.packs`` entry as a clean repository-relative path (``.semgrep/``, ``rules/x.yml``);
    ValueError for anything semgrep would fetch or that points outside the repository."""
    text = value.strip()
    if not text:
        raise ValueError("is empty; write a path inside the repository such as `.semgrep/`")
    if _URL.match(text):
        raise ValueError(
            f"`{text}` is a URL; rule packs are read from the repository, nothing is downloaded "
            "at scan time: commit the rules and name their path"
        )
    if text in ("auto", "p", "r", "s") or text.startswith(_REGISTRY_PREFIXES):
        raise ValueError(
            f"`{text}` is a semgrep registry name, which would be downloaded; commit the rules "
            f"to the repository and name their path (a folder really called so: `./{text}`)"
        )
    if text.startswith(("/", "~", "\\")) or re.match(r"^[a-zA-Z]:", text):
        raise ValueError(f"`{text}` is an absolute path; write it relative to the repository root")
    parts = [part for part in text.replace("\\", "/").split("/") if part not in ("", ".")]
    if ".." in parts:
        raise ValueError(f"`{text}` leaves the repository (`..`); name a path inside it")
    if not parts:
        raise ValueError(f"`{text}` is the repository root; name the folder or file of rules")
    return "/".join(parts) + ("/" if text.endswith("/") else "")


# Checks that are not run unless `rules.enable` names them: bandit's checks graded `off` in
# app.agents.analyzer.bandit_grades (a test holds the two together), with what they look for.
OFF_BY_DEFAULT: dict[str, str] = {
    "B101": "assert statements",
    "B404": "imports of subprocess",
    "B603": "subprocess calls without a shell",
}


def check_enabled_rule(value: str) -> str:
    """A ``rules.enable`` entry (``B101`` or ``bandit:B101``) as its check id; ValueError for
    a rule that is not off by default."""
    text = value.strip()
    check = text.removeprefix("bandit:").upper()
    if check in OFF_BY_DEFAULT:
        return check
    known = ", ".join(f"{rule} ({what})" for rule, what in OFF_BY_DEFAULT.items())
    raise ValueError(
        f"`{text}` is not a check that is off by default; `enable` turns on {known}. Every "
        "other rule runs already: `severity` changes its level, `disable` drops it"
    )


class RulesConfig(_Strict):
    disable: list[str] = Field(default_factory=list, description="Rule ids to drop.")
    enable: list[Annotated[str, AfterValidator(check_enabled_rule)]] = Field(
        default_factory=list,
        description="Checks that are off by default to run anyway: bandit's B101 (assert), "
        "B404 (import subprocess), B603 (subprocess without a shell).",
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Severity overrides by rule id."
    )
    packs: list[Annotated[str, AfterValidator(check_pack_path)]] = Field(
        default_factory=list,
        description="The repository's own semgrep rules: files or folders of rule YAML, "
        "relative to the repository root, run beside the built-in pack.",
    )


class ProjectConfig(_Strict):
    """One project of a monorepo: its own settings for the paths under ``paths``."""

    name: str
    paths: list[str] = Field(min_length=1)
    fail_on: FailOn | None = None
    exclude: list[str] = Field(default_factory=list)
    rules: RulesConfig = Field(default_factory=RulesConfig)

    @field_validator("rules")
    @classmethod
    def _no_enable(cls, value: RulesConfig) -> RulesConfig:
        # bandit runs once over the repository, with one set of checks.
        if value.enable:
            raise ValueError(
                "cannot name `enable`; checks are turned on for the whole repository under "
                "the top-level `rules`"
            )
        return value

    @field_validator("rules")
    @classmethod
    def _no_packs(cls, value: RulesConfig) -> RulesConfig:
        if value.packs:
            raise ValueError("cannot name `packs`; list rule packs under the top-level `rules`")
        return value


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
    deploy: DeployConfig | None = Field(
        default=None, description="Environments and previews (app.models.deploy)."
    )
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
        root = repo_yaml.compose(text, filename, repo_yaml.CONFIG_YAML, loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except repo_yaml.RepoYamlError as exc:
        raise ConfigError(str(exc), filename=filename, line=exc.line) from None
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
        if first["loc"][:1] == ("deploy",):
            line, description = deploy_error(first, root)
        else:
            line, description = _line_of(root, first), _describe(first)
        where = f"`{filename}` line {line}" if line else f"`{filename}`"
        raise ConfigError(f"{where}: {description}", filename=filename, line=line) from None


def setting_line(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line of the setting at ``loc`` (``("rules", "packs", 1)``) in a configuration's text,
    for errors found after it was loaded (a pack path missing from the repository)."""
    try:
        root = repo_yaml.compose(text, CONFIG_PATH, repo_yaml.CONFIG_YAML, loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    error: Any = {"loc": loc, "type": "value_error"}
    return _line_of(root, error)


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
