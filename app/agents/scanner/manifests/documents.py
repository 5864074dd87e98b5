"""Typed views of parsed JSON/TOML/YAML values: manifests are user input, so every shape is
checked before use instead of trusting ``dict[str, Any]``."""

from __future__ import annotations


def as_table(value: object) -> dict[str, object]:
    if isinstance(value, dict):
        return {str(key): item for key, item in value.items()}
    return {}


def as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def as_text(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        return str(value)
    return None


def table_at(value: object, *keys: str) -> dict[str, object]:
    for key in keys:
        value = as_table(value).get(key)
    return as_table(value)
