"""The runner's environment files: step outputs (``GITHUB_OUTPUT``) and the job summary
(``GITHUB_STEP_SUMMARY``).

Outputs use the multi-line form ``name<<DELIMITER`` … ``DELIMITER`` with a random delimiter, as
``@actions/core`` does: a value containing a fixed ``EOF`` line, or a newline followed by
``other=…``, could otherwise end the value early and set outputs of its choosing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from pathlib import Path

from app.errors import UsageError

_OUTPUT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# GitHub rejects a step summary over 1 MiB; keep a margin for what other steps append.
SUMMARY_MAX_BYTES = 1024 * 1024 - 4096


def format_outputs(outputs: Mapping[str, str], delimiter: str | None = None) -> str:
    """The text to append to ``GITHUB_OUTPUT`` for ``outputs``."""
    chunks: list[str] = []
    for name, value in outputs.items():
        if not _OUTPUT_NAME.match(name):
            raise ValueError(f"output name {name!r} is not a valid identifier")
        marker = delimiter or f"ghadelimiter_{uuid.uuid4()}"
        if marker in value:
            raise ValueError(f"output {name}: the value contains its delimiter")
        chunks.append(f"{name}<<{marker}\n{value}\n{marker}\n")
    return "".join(chunks)


def append_outputs(path: Path, outputs: Mapping[str, str]) -> None:
    _append(path, format_outputs(outputs), "GITHUB_OUTPUT")


def append_summary(path: Path, markdown: str) -> None:
    data = markdown.encode("utf-8")
    if len(data) > SUMMARY_MAX_BYTES:
        cut = data[:SUMMARY_MAX_BYTES].decode("utf-8", "ignore")
        markdown = cut[: cut.rfind("\n") + 1] + "\n…the report was cut at GitHub's 1 MiB limit.\n"
    _append(path, markdown if markdown.endswith("\n") else markdown + "\n", "GITHUB_STEP_SUMMARY")


def _append(path: Path, text: str, variable: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"{variable} {path}: cannot write it ({exc.strerror})") from None
