"""The App's credentials: from ``VIBE_GITHUB_*``, else from the file ``vibe register`` wrote.

The private key is parsed once, up front, so that a broken key is reported as a sentence naming
the setting to fix rather than as a signing error deep inside a job. Secrets are
:class:`~pydantic.SecretStr` and stay out of reprs, logs and exception messages.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from app.github.errors import GitHubConfigError
from app.settings import Settings

if TYPE_CHECKING:
    # cryptography is the `server` extra's: `vibe action` imports this module (its comment
    # client) with only the analysis installed, and needs no private key.
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

CREDENTIALS_FILE = "github-app.json"
_ENV_KEY = "VIBE_GITHUB_PRIVATE_KEY"


@dataclass(frozen=True)
class AppCredentials:
    """A registered GitHub App: its id, its private key and the secrets GitHub issued with it."""

    app_id: int
    private_key: SecretStr = field(repr=False)
    webhook_secret: SecretStr | None = field(default=None, repr=False)
    client_id: str | None = None
    client_secret: SecretStr | None = field(default=None, repr=False)
    slug: str | None = None
    html_url: str | None = None
    key_source: str = field(default=_ENV_KEY, repr=False, compare=False)
    _key: RSAPrivateKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_key", parse_private_key(self.private_key, self.key_source))

    @property
    def signing_key(self) -> RSAPrivateKey:
        return self._key


# Parsed keys by the digest of their PEM text: every job builds its own client, and parsing an
# RSA key costs about 0.1 s of CPU. A handful at most (a key rotation adds one).
_PARSED_KEYS: dict[str, RSAPrivateKey] = {}
_PARSED_KEYS_MAX = 8


def parse_private_key(pem: SecretStr, source: str = _ENV_KEY) -> RSAPrivateKey:
    """Parse the App's RSA key; the error names ``source`` and the fix, never the key itself."""
    text = pem.get_secret_value().strip()
    if "\\n" in text and "\n" not in text:
        # A key pasted into a one-line environment variable usually arrives with escaped newlines.
        text = text.replace("\\n", "\n")
    digest = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
    cached = _PARSED_KEYS.get(digest)
    if cached is not None:
        return cached
    key = _load_key(text, source)
    if len(_PARSED_KEYS) >= _PARSED_KEYS_MAX:
        _PARSED_KEYS.clear()
    _PARSED_KEYS[digest] = key
    return key


def _load_key(text: str, source: str) -> RSAPrivateKey:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    fix = (
        "paste the whole .pem file GitHub generated for the App, BEGIN and END lines included, "
        "or point VIBE_GITHUB_PRIVATE_KEY_FILE at it"
    )
    if "-----BEGIN" not in text:
        raise GitHubConfigError(f"{source} does not contain a PEM private key; {fix}")
    try:
        key = load_pem_private_key(text.encode("ascii", "replace"), password=None)
    except (ValueError, TypeError):
        raise GitHubConfigError(
            f"{source} is not a readable private key (it may be truncated, encrypted or the "
            f"wrong file); {fix}"
        ) from None
    if not isinstance(key, RSAPrivateKey):
        raise GitHubConfigError(
            f"{source} is not an RSA key; GitHub Apps sign with RSA keys, {fix}"
        )
    return key


def credentials_path(data_dir: Path) -> Path:
    return data_dir / CREDENTIALS_FILE


def load_app_credentials(settings: Settings) -> AppCredentials:
    """The App's credentials from the settings, else from ``VIBE_DATA_DIR/github-app.json``."""
    if settings.github_app_id is not None or settings.github_private_key is not None:
        if settings.github_app_id is None:
            raise GitHubConfigError(
                "VIBE_GITHUB_PRIVATE_KEY is set but VIBE_GITHUB_APP_ID is not; set it to the "
                "App ID shown on the App's settings page"
            )
        if settings.github_private_key is None:
            raise GitHubConfigError(
                "VIBE_GITHUB_APP_ID is set but VIBE_GITHUB_PRIVATE_KEY is not; set it (or "
                "VIBE_GITHUB_PRIVATE_KEY_FILE) to the App's private key"
            )
        source = (
            "VIBE_GITHUB_PRIVATE_KEY_FILE"
            if settings.github_private_key_file is not None
            else _ENV_KEY
        )
        return AppCredentials(
            app_id=settings.github_app_id,
            private_key=settings.github_private_key,
            webhook_secret=settings.github_webhook_secret,
            key_source=source,
        )
    stored = read_stored_credentials(settings.data_dir)
    if stored is None:
        raise GitHubConfigError(
            "no GitHub App is configured: run `vibe register`, or set VIBE_GITHUB_APP_ID and "
            "VIBE_GITHUB_PRIVATE_KEY"
        )
    return stored


def read_stored_credentials(data_dir: Path) -> AppCredentials | None:
    """The credentials ``vibe register`` stored, or None when there are none."""
    path = credentials_path(data_dir)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise GitHubConfigError(
            f"{path} holds the App's private key but other users can read it; "
            f"run `chmod 600 {path}`"
        )
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return _from_stored(stored, path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else type(exc).__name__
        raise GitHubConfigError(
            f"{path} is not a readable App credentials file ({reason}); run `vibe register` "
            "again or set VIBE_GITHUB_APP_ID and VIBE_GITHUB_PRIVATE_KEY"
        ) from None


def _from_stored(stored: Mapping[str, Any], path: Path) -> AppCredentials:
    def secret(name: str) -> SecretStr | None:
        value = stored.get(name)
        return SecretStr(value) if isinstance(value, str) and value else None

    return AppCredentials(
        app_id=int(stored["app_id"]),
        private_key=SecretStr(str(stored["private_key"])),
        webhook_secret=secret("webhook_secret"),
        client_id=stored.get("client_id"),
        client_secret=secret("client_secret"),
        slug=stored.get("slug"),
        html_url=stored.get("html_url"),
        key_source=f"the private_key in {path}",
    )


def store_conversion(data_dir: Path, conversion: Mapping[str, Any], github_url: str) -> Path:
    """Write what ``POST /app-manifests/{code}/conversions`` returned, readable by us only."""
    record = {
        "app_id": conversion["id"],
        "slug": conversion.get("slug"),
        "name": conversion.get("name"),
        "html_url": conversion.get("html_url"),
        "owner": (conversion.get("owner") or {}).get("login"),
        "github_url": github_url,
        "client_id": conversion.get("client_id"),
        "client_secret": conversion.get("client_secret"),
        "webhook_secret": conversion.get("webhook_secret"),
        "private_key": conversion["pem"],
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    # Validate before writing so that a bad conversion never replaces a good file.
    parse_private_key(SecretStr(record["private_key"]), "the pem GitHub returned")
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = credentials_path(data_dir)
    descriptor, temporary = tempfile.mkstemp(dir=data_dir, prefix=".github-app.", suffix=".tmp")
    try:
        # mkstemp creates the file 0600 already; the chmod guards against odd umask handling.
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=2)
            handle.write("\n")
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def apply_stored_credentials(settings: Settings) -> Settings:
    """The settings, with the App id, key and webhook secret from the stored file filled in.

    Variables that are set win; the server calls this once at start-up so that everything
    downstream (webhook verification, log redaction) sees one settings object.
    """
    if settings.github_app_id is not None or settings.github_private_key is not None:
        return settings
    stored = read_stored_credentials(settings.data_dir)
    if stored is None:
        return settings
    update: dict[str, Any] = {
        "github_app_id": stored.app_id,
        "github_private_key": stored.private_key,
    }
    if settings.github_webhook_secret is None and stored.webhook_secret is not None:
        update["github_webhook_secret"] = stored.webhook_secret
    return settings.model_copy(update=update)
