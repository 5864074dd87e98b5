"""The one settings object, read from the environment (``VIBE_*``, ``DATABASE_URL``, ``REDIS_URL``).

Nothing here runs at import time: entry points call :func:`load_settings` once and pass the
result down.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.notify.addresses import EgressPolicy


def default_data_dir() -> Path:
    """Per-user data directory, following the XDG base directory convention."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "vibeintelligence"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable and the fix."""


class Settings(BaseSettings):
    """Everything configurable from the environment.

    Secrets are :class:`SecretStr` so that they never show in a repr, a log line or an error.
    """

    model_config = SettingsConfigDict(env_prefix="VIBE_", extra="ignore", populate_by_name=True)

    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "VIBE_DATABASE_URL")
    )
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "VIBE_REDIS_URL")
    )
    data_dir: Path = Field(default_factory=default_data_dir)

    github_url: str = "https://api.github.com"
    github_app_id: int | None = None
    github_private_key: SecretStr | None = None
    github_private_key_file: Path | None = None
    github_webhook_secret: SecretStr | None = None

    # The dashboard's GitHub OAuth web flow (from `vibe register`'s file when unset).
    github_client_id: str | None = None
    github_client_secret: SecretStr | None = None
    session_secret: SecretStr | None = None  # signs dashboard cookies; random per process if unset
    secrets_key: SecretStr | None = None  # encrypts stored secrets (app/store/secret_box.py)
    dashboard_admins: Annotated[list[str], NoDecode] = Field(default_factory=list)  # logins
    api_rate_limit: int = Field(default=1000, ge=1)  # requests per minute per token or address

    gitlab_url: str = "https://gitlab.com"
    gitlab_webhook_token: SecretStr | None = None
    gitlab_token: SecretStr | None = None  # a project/group access token (api scope)
    # The dashboard's "Sign in with GitLab": an OAuth application on gitlab_url (scope read_api).
    gitlab_oauth_client_id: str | None = None
    gitlab_oauth_client_secret: SecretStr | None = None

    llm_model: str | None = None
    llm_fallbacks: Annotated[list[str], NoDecode] = Field(default_factory=list)
    llm_api_base: str | None = None
    llm_api_key: SecretStr | None = None
    # Tokens each installation may spend on the documentation agent per UTC day (unset: no limit).
    llm_daily_tokens: int | None = Field(default=None, ge=0)

    elasticsearch_url: str | None = None

    # The organisation's own semgrep rules (a folder or file of rule YAML on this server), run
    # beside the built-in pack on every repository; their findings carry the pack name `org`.
    rules_dir: Path | None = None

    # `vibe scan` warns when the local OSV data it matched against is older than this.
    osv_max_age_days: float = Field(default=7.0, gt=0)
    # Where this server is reachable (webhooks, links from forges to the dashboard).
    public_url: str | None = None

    # Artifact storage (SARIF, scan reports, archives): s3://bucket/prefix, or unset for
    # VIBE_DATA_DIR/artifacts. Endpoint and credentials come from the standard AWS variables.
    artifacts_url: str | None = None
    # Retention: webhook payloads and job logs stay in PostgreSQL this long, then are archived
    # to artifact storage; archives are deleted after retention_archive_days.
    retention_hot_days: int = Field(default=30, ge=1)
    retention_archive_days: int = Field(default=365, ge=1)
    # Outgoing notifications: tries per delivery before dead-letter, and the backoff.
    notify_max_attempts: int = Field(default=8, ge=1)
    notify_retry_base_s: float = Field(default=30.0, ge=0)
    notify_retry_max_s: float = Field(default=3600.0, ge=0)
    # Internal hosts notifications may reach anyway (an on-premises Jenkins): host names and
    # addresses or networks (CIDR), comma-separated; everything else must be a public address.
    notify_allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)

    log_format: str = Field(default="auto", pattern="^(auto|json|console)$")
    log_level: str = "INFO"

    @field_validator("llm_fallbacks", "dashboard_admins", mode="before")
    @classmethod
    def _split_fallbacks(cls, value: object) -> object:
        # VIBE_LLM_FALLBACKS is a comma-separated chain, e.g. "ollama/llama3,openai/gpt-4o-mini".
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("notify_allowed_hosts", mode="before")
    @classmethod
    def _split_allowed_hosts(cls, value: object) -> object:
        entries = value.split(",") if isinstance(value, str) else value
        if isinstance(entries, list):
            entries = [str(entry).strip() for entry in entries if str(entry).strip()]
            EgressPolicy.parse(entries)  # a bad entry fails at start-up, naming itself
        return entries

    @model_validator(mode="after")
    def _read_private_key_file(self) -> Settings:
        if self.github_private_key is None and self.github_private_key_file is not None:
            try:
                text = self.github_private_key_file.read_text(encoding="utf-8")
            except OSError as exc:
                raise SettingsError(
                    f"VIBE_GITHUB_PRIVATE_KEY_FILE: cannot read {self.github_private_key_file}: "
                    f"{exc.strerror}; point it at the App's .pem file"
                ) from None
            self.github_private_key = SecretStr(text)
        return self

    def webhook_secrets(self) -> list[str]:
        """The accepted webhook secrets (comma-separated, so a secret can be rotated)."""
        if self.github_webhook_secret is None:
            return []
        raw = self.github_webhook_secret.get_secret_value()
        return [part.strip() for part in raw.split(",") if part.strip()]


def load_settings(**overrides: object) -> Settings:
    """Read the settings from the environment once; keyword arguments win over it."""
    return Settings(**overrides)  # type: ignore[arg-type]
