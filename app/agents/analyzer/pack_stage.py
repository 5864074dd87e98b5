"""Custom packs made ready for semgrep: written to a temporary folder with their rule ids
prefixed, then validated by semgrep itself, offline, before any scan uses them.

``semgrep --validate`` would download a lint pack, so the validator is a scan of the staged
packs over an empty folder: semgrep loads and checks every rule (schema, patterns, languages)
and lists what it rejects in its JSON ``errors[]``, with the rule file and line where it can.
A pack that passed is remembered by its content (and semgrep's version) under ``memo_dir``, so
an unchanged pack costs no semgrep process on the next check.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from app.agents.analyzer.custom_packs import (
    PackError,
    PackSource,
    RuleSite,
    StagedIndex,
    duplicate_ids,
    pack_errors,
    rewrite_rule_ids,
    rule_prefix,
)
from app.agents.analyzer.rulepack import PackDirectory
from app.agents.analyzer.toolrun import ToolRunCounter, find_executable, run_tool, tool_version
from app.agents.analyzer.toolrun import tail as output_tail
from app.errors import ToolError
from app.tree_paths import within

VALIDATION_TIMEOUT_S = 300.0
_INSTALL_FIX = "install it with `pip install semgrep` (or add it to the CI image)"


@contextmanager
def staged_packs(
    sources: Sequence[PackSource],
    *,
    memo_dir: Path | None = None,
    work_dir: Path | None = None,
) -> Iterator[tuple[PackDirectory, ...]]:
    """The ``sources`` staged and validated, for as long as the block runs; raises
    :class:`PackError` naming the pack file and line when semgrep rejects a rule."""
    if not sources:
        yield ()
        return
    if work_dir is not None:
        work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vibe-packs-", dir=work_dir) as workdir:
        root = Path(workdir)
        packs, index = stage(root, sources)
        validate(root, packs, index, memo_dir=memo_dir)
        yield packs


def stage(
    root: Path, sources: Sequence[PackSource]
) -> tuple[tuple[PackDirectory, ...], StagedIndex]:
    """Write each pack under ``root/<n>/`` with prefixed rule ids."""
    packs: list[PackDirectory] = []
    index = StagedIndex(displays={}, sites={}, texts={})
    for number, source in enumerate(sources):
        prefix = rule_prefix(source.name, (p.prefix for p in packs))
        directory = root / str(number)
        hasher = hashlib.sha256()
        sites: list[RuleSite] = []
        for pack_file in source.files:
            try:
                text = pack_file.data.decode("utf-8")
            except UnicodeDecodeError:
                raise PackError(
                    f"`{pack_file.display}`: not UTF-8 text; save it as UTF-8",
                    filename=pack_file.display,
                ) from None
            staged_text, found = rewrite_rule_ids(text, prefix, pack_file.display)
            sites.extend(found)
            target = within(directory, pack_file.relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(staged_text, encoding="utf-8")
            hasher.update(f"{pack_file.relative}\0{staged_text}\0".encode())
            index.displays[f"{number}/{pack_file.relative}"] = pack_file.display
            index.texts[pack_file.display] = text
        duplicate = duplicate_ids(sites)
        if duplicate is not None:
            raise duplicate
        index.sites.update({prefix + site.rule_id: site for site in sites})
        packs.append(PackDirectory(source.name, prefix, directory, hasher.hexdigest()[:20]))
    return tuple(packs), index


def validate(
    root: Path,
    packs: Sequence[PackDirectory],
    index: StagedIndex,
    *,
    memo_dir: Path | None = None,
) -> bool:
    """semgrep's verdict on the staged ``packs``: raises the first :class:`PackError`; returns
    whether semgrep had to run (False: ``memo_dir`` knew these packs as valid)."""
    material = "\0".join([tool_version("semgrep"), *(f"{p.prefix}{p.digest}" for p in packs)])
    memo = memo_dir / hashlib.sha256(material.encode()).hexdigest() if memo_dir else None
    if memo is not None and memo.is_file():
        return False
    empty = root / "no-targets"
    empty.mkdir(exist_ok=True)
    argv = [
        find_executable("semgrep", _INSTALL_FIX),
        "scan",
        # The Python front end: its schema errors carry the rule file and line (the native
        # one's name only the rule).
        *[arg for p in packs for arg in ("--config", str(p.directory.relative_to(root)))],
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--no-rewrite-rule-ids",
        "--quiet",
        "--",
        empty.name,
    ]
    proc = run_tool("semgrep", argv, root, ToolRunCounter(), VALIDATION_TIMEOUT_S)
    try:
        document = json.loads(proc.stdout)
    except ValueError:
        raise ToolError(
            f"semgrep could not check the custom rule packs (exit {proc.returncode}): "
            f"{output_tail(proc.stderr)}; reinstall semgrep"
        ) from None
    errors = pack_errors(document, index) if isinstance(document, dict) else []
    if errors:
        first = errors[0]
        more = f" ({len(errors) - 1} more problems after this one)" if len(errors) > 1 else ""
        raise PackError(f"{first}{more}", filename=first.filename, line=first.line)
    if memo is not None:
        memo.parent.mkdir(parents=True, exist_ok=True)
        memo.write_text("valid\n", encoding="utf-8")
    return True
