"""Stored secrets are encrypted with a key kept out of the database."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from app.store.secret_box import KEY_FILE, SecretUnreadableError, secret_box
from tests.services import make_settings


def test_without_a_configured_key_one_is_created_once_readable_by_the_owner_only(
    tmp_path: Path,
) -> None:
    first = secret_box(make_settings(data_dir=tmp_path))
    sealed = first.seal("hook-secret")
    again = secret_box(make_settings(data_dir=tmp_path))

    assert "hook-secret" not in sealed
    assert again.open(sealed) == "hook-secret"
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600


def test_the_configured_key_is_used_and_another_key_cannot_read_the_secret(
    tmp_path: Path,
) -> None:
    key = Fernet.generate_key().decode()
    ours = secret_box(make_settings(data_dir=tmp_path, secrets_key=SecretStr(key)))
    sealed = ours.seal("deploy-token")
    other = secret_box(make_settings(data_dir=tmp_path))  # the key file, not VIBE_SECRETS_KEY

    assert ours.open(sealed) == "deploy-token"
    with pytest.raises(SecretUnreadableError, match="VIBE_SECRETS_KEY"):
        other.open(sealed)
    with pytest.raises(SecretUnreadableError, match="not encrypted"):
        ours.open("deploy-token")


def test_a_malformed_key_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"Fernet\.generate_key"):
        secret_box(make_settings(data_dir=tmp_path, secrets_key=SecretStr("not-a-key")))
