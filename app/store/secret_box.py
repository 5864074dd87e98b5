"""Secrets kept in PostgreSQL (notification secrets) are encrypted with a key that never enters
the database: a dump, a backup or a read-only SQL session shows ciphertext only.

Fernet (AES-128-CBC with HMAC-SHA256, from ``cryptography``). The key is ``VIBE_SECRETS_KEY``
(``Fernet.generate_key()``; every replica of a deployment must share it), else a key file
``VIBE_DATA_DIR/secrets.key`` created with mode 0600 on first use, which suits one machine.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from app.settings import Settings

KEY_FILE = "secrets.key"
_PREFIX = "fernet:"


class SecretUnreadableError(RuntimeError):
    """A stored secret that this key cannot decrypt (the key changed)."""


class SecretBox:
    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    def seal(self, value: str) -> str:
        return _PREFIX + self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        if not stored.startswith(_PREFIX):
            raise SecretUnreadableError("the stored secret is not encrypted; store it again")
        try:
            return self._fernet.decrypt(stored.removeprefix(_PREFIX).encode("ascii")).decode()
        except InvalidToken:
            raise SecretUnreadableError(
                "the stored secret was encrypted with another key: set VIBE_SECRETS_KEY to the "
                "key it was stored with, or store the secret again"
            ) from None


def secret_box(settings: Settings) -> SecretBox:
    if settings.secrets_key is not None:
        try:
            return SecretBox(settings.secrets_key.get_secret_value().encode("ascii"))
        except ValueError:
            raise ValueError(
                "VIBE_SECRETS_KEY is not a Fernet key; generate one with "
                '`python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"`'
            ) from None
    return SecretBox(_key_file(settings.data_dir))


def _key_file(data_dir: Path) -> bytes:
    path = data_dir / KEY_FILE
    with contextlib.suppress(FileNotFoundError):
        return path.read_bytes().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    try:
        # O_EXCL: two processes starting together agree on the first key written.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key
