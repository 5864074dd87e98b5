"""Tolerant decoding of manifest bytes: a broken byte must not cost the whole file."""

from __future__ import annotations

import codecs


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Old Windows-authored files (packages.config, Gemfile) are often cp1252/latin-1.
        return data.decode("latin-1")
