"""Which ``.github/vibe.yml`` ``vibe scan`` uses, and which tree its rule packs come from.

As the App and the Action do, ``vibe scan PATH`` reads ``PATH/.github/vibe.yml`` when there is
one; ``--config FILE`` reads another file instead and ``--no-config`` none at all.

In diff mode (``--base REF``) the pull request check's rule applies: the repository's
configuration and the ``rules.packs`` it names are read from REF's commit (the base branch), not
from the working tree, so a change cannot weaken the rules it is checked with. A ``--config
FILE`` is still read from disk (the user named it), but the packs it names come from REF too.
The organisation's pack (``--rules``, ``VIBE_RULES_DIR``) is always read from disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UsageError

if TYPE_CHECKING:
    from app.agents.analyzer.custom_packs import PackSource
    from app.models.config import RepoConfig


@dataclass(frozen=True)
class BaseTree:
    """REF's commit in diff mode; ``prefix`` is PATH inside the repository (``""``, ``"sub/"``)."""

    repo: Any
    ref: str
    sha: str
    prefix: str


@dataclass(frozen=True)
class ScanConfig:
    """The configuration of one scan: ``name`` is how messages call the file, ``text`` its text
    (for the lines of errors found after loading it), ``label`` what the report header says
    (None: no file, the defaults), ``base`` where the packs are read in diff mode."""

    config: RepoConfig
    name: str
    text: str | None
    label: str | None
    base: BaseTree | None = None


def choose_config(
    root: Path, *, config_file: Path | None, no_config: bool, base_ref: str | None
) -> ScanConfig:
    """The configuration ``vibe scan`` runs with (blocking: reads files or git objects)."""
    from app.models.config import CONFIG_PATH, RepoConfig, load_repo_config

    if config_file is not None and no_config:
        raise UsageError("--config and --no-config contradict each other; drop one")
    base = _base_tree(root, base_ref) if base_ref is not None else None
    if config_file is not None:
        text = _read_file(config_file, f"--config {config_file}")
        label = str(config_file)
        return ScanConfig(load_repo_config(text, label), label, text, label, base)
    name = str(root / CONFIG_PATH)
    if no_config:
        return ScanConfig(RepoConfig(), name, None, None, base)
    if base is not None:
        found = _file_at(base, CONFIG_PATH)
        if found is None:
            return ScanConfig(RepoConfig(), name, None, None, base)
        name = f"{base.prefix}{CONFIG_PATH}"
        label = f"{name} at {base.ref} ({base.sha[:12]})"
        return ScanConfig(load_repo_config(found, name), name, found, label, base)
    path = root / CONFIG_PATH
    if not path.is_file():
        return ScanConfig(RepoConfig(), name, None, None)
    text = _read_file(path, name)
    return ScanConfig(load_repo_config(text, name), name, text, name)


def pack_sources(
    root: Path, chosen: ScanConfig, *, org: Sequence[Path], org_label: str | None
) -> list[PackSource]:
    """The organisation's pack and the configuration's ``rules.packs``: from the working tree,
    or in diff mode from REF's commit."""
    from app.agents.analyzer.pack_sources import checkout_sources, org_sources, tree_packs

    if chosen.base is None:
        return checkout_sources(
            root,
            chosen.config,
            config_text=chosen.text,
            config_name=chosen.name,
            org=org,
            org_label=org_label,
        )
    base = chosen.base
    return [
        *org_sources(org, org_label),
        *tree_packs(
            base.repo,
            base.sha,
            chosen.config.rules.packs,
            config_text=chosen.text,
            config_name=chosen.name,
            under=base.prefix,
        ),
    ]


def _read_file(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise UsageError(f"{shown}: not UTF-8 text; save it as UTF-8") from None


def _base_tree(root: Path, base_ref: str) -> BaseTree:
    import pygit2

    from app.agents.analyzer.diff import open_base

    side = open_base(root, base_ref)  # the usage errors of a bad REF, said once
    commit = side.repo.revparse_single(base_ref).peel(pygit2.Commit)
    return BaseTree(side.repo, base_ref, str(commit.id), side.prefix)


def _file_at(base: BaseTree, path: str) -> str | None:
    import pygit2

    try:
        entry = base.repo[base.sha].peel(pygit2.Tree)[base.prefix + path]
    except KeyError:
        return None
    blob = base.repo[entry.id]
    if not isinstance(blob, pygit2.Blob):
        return None
    return bytes(blob.data).decode("utf-8", "replace")
