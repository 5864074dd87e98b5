"""Reading the ``deploy:`` section of ``.github/vibe.yml`` on its own, with lines.

The models live with the configuration (:mod:`app.models.deploy`, ``RepoConfig.deploy``); a
deploy reads only this section, so a mistake elsewhere in the file (the analyzer's settings)
does not stop it. The file is read under the configuration's YAML rules (no aliases).
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from app import repo_yaml
from app.models.config import ConfigError
from app.models.deploy import (
    DEFAULT_TIMEOUT_S,
    ENVIRONMENT_PATTERN,
    NAMESPACE_PATTERN,
    DeployConfig,
    EnvironmentConfig,
    deploy_error,
)

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "ENVIRONMENT_PATTERN",
    "NAMESPACE_PATTERN",
    "DeployConfig",
    "EnvironmentConfig",
    "deploy_config_from_text",
    "parse_deploy_config",
]


def deploy_config_from_text(text: str, filename: str) -> DeployConfig | None:
    """The ``deploy`` section of a configuration file, or None when it has none.

    Raises :class:`~app.models.config.ConfigError` naming the line of the first problem.
    """
    try:
        root = repo_yaml.compose(text, filename, repo_yaml.CONFIG_YAML, loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except repo_yaml.RepoYamlError as exc:
        raise ConfigError(str(exc), filename=filename, line=exc.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(
            f"`{filename}` line {line}: invalid YAML; fix the syntax", filename=filename, line=line
        ) from None
    if not isinstance(raw, dict) or raw.get("deploy") is None:
        return None
    return parse_deploy_config(raw["deploy"], filename, root)


def parse_deploy_config(section: Any, filename: str, root: yaml.Node | None = None) -> DeployConfig:
    """Validate the raw ``deploy`` mapping; ``root`` (the file's node tree) gives the lines."""
    try:
        return DeployConfig.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        line, description = deploy_error({**first, "loc": ("deploy", *first["loc"])}, root)
        where = f"`{filename}` line {line}" if line else f"`{filename}`"
        raise ConfigError(f"{where}: {description}", filename=filename, line=line) from None
