"""Reading custom rule packs: from a working tree (``vibe scan``, the Action), from a commit of a
bare mirror (the pull request check reads the base branch's tree, never the head's), and the
server's ``VIBE_RULES_DIR``.

A repository pack is a path inside the repository; a symbolic link is followed only while it
stays inside it, so a pack cannot read the server's files. Errors name the configuration line
that names the pack.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.agents.analyzer.custom_packs import (
    ORG_LABEL,
    ORG_PACK,
    PackError,
    PackFile,
    PackSource,
    is_rule_file,
)
from app.models.config import RepoConfig, setting_line
from app.tree_paths import checked_child

# Far above any real pack; a pack is read into memory and handed to semgrep whole.
MAX_PACK_FILES = 500
MAX_PACK_BYTES = 8 * 1024 * 1024
_LINK_HOPS = 8
_GIT_LINK = 0o120000


class _Refused(Exception):
    """Why a configured pack path cannot be read (the caller adds where it is configured)."""


def checkout_sources(
    root: Path,
    config: RepoConfig,
    *,
    config_text: str | None,
    config_name: str,
    org: Sequence[Path] = (),
    org_label: str | None = ORG_LABEL,
) -> list[PackSource]:
    """What ``vibe scan`` and the Action run beside the built-in pack: the organisation's
    (``org``: VIBE_RULES_DIR, ``--rules``, the Action's ``rules-dir``) and the working tree's
    ``rules.packs``."""
    return [
        *org_sources(org, org_label),
        *worktree_packs(root, config.rules.packs, config_text=config_text, config_name=config_name),
    ]


def commit_sources(
    repo: Any,
    sha: str,
    config: RepoConfig,
    *,
    config_text: str | None,
    config_name: str,
    org: Path | None = None,
) -> list[PackSource]:
    """What a pull request check runs beside the built-in pack: ``VIBE_RULES_DIR`` and the
    ``rules.packs`` of commit ``sha`` (the base branch, where its configuration came from)."""
    org_paths = [org] if org is not None else []
    return [
        *org_sources(org_paths),
        *tree_packs(
            repo, sha, config.rules.packs, config_text=config_text, config_name=config_name
        ),
    ]


def org_sources(paths: Sequence[Path], label: str | None = ORG_LABEL) -> list[PackSource]:
    """One ``org`` pack of all of ``paths`` (its rule ids stay unique together); ``label``
    None: each path is shown as given (``vibe scan --rules``)."""
    packs = [org_pack(path, label) for path in paths]
    if len(packs) <= 1:
        return packs
    files = [
        replace(pack_file, relative=f"{number}/{pack_file.relative}")
        for number, pack in enumerate(packs)
        for pack_file in pack.files
    ]
    return [PackSource(ORG_PACK, tuple(files))]


def worktree_packs(
    root: Path, packs: Sequence[str], *, config_text: str | None, config_name: str
) -> list[PackSource]:
    """``rules.packs`` read from the working tree at ``root``."""
    top = root.resolve()
    return _sources(packs, lambda name: _worktree_files(top, name), config_text, config_name)


def tree_packs(
    repo: Any,
    sha: str,
    packs: Sequence[str],
    *,
    config_text: str | None,
    config_name: str,
    under: str = "",
) -> list[PackSource]:
    """``rules.packs`` read from commit ``sha`` of the pygit2 ``repo`` (a mirror's base branch,
    ``vibe scan --base``'s REF); ``under`` (``"sub/"``) is the folder of the repository they are
    relative to, as ``vibe scan sub --base REF`` scans one."""
    import pygit2

    tree = repo[sha].peel(pygit2.Tree)
    return _sources(
        packs, lambda name: _tree_files(repo, tree, name, under, sha), config_text, config_name
    )


def org_pack(path: Path, label: str | None = ORG_LABEL) -> PackSource:
    """The organisation's pack: a folder or a file of semgrep rules on the server or runner,
    which its administrator controls (links are followed). ``label`` is how the path is shown
    (the setting that named it: ``VIBE_RULES_DIR/a.yml``; None: the path itself)."""
    shown = label or str(path)
    if path.is_file():
        files = [PackFile(shown, path.name, path.read_bytes())]
    elif path.is_dir():
        files = [
            PackFile(f"{shown}/{rel}", rel, item.read_bytes())
            for item in sorted(path.rglob("*"))
            if is_rule_file(rel := item.relative_to(path).as_posix()) and item.is_file()
        ]
    else:
        raise PackError(
            f"{shown} ({path}) does not exist; point it at a folder of semgrep rules",
            filename=shown,
        )
    if not files:
        raise PackError(
            f"{shown} ({path}) holds no .yml or .yaml rule files; add the organisation's rules",
            filename=shown,
        )
    return PackSource(ORG_PACK, tuple(files))


def _sources(
    packs: Sequence[str],
    read: Callable[[str], list[PackFile]],
    config_text: str | None,
    config_name: str,
) -> list[PackSource]:
    sources: list[PackSource] = []
    count = size = 0
    for index, name in enumerate(packs):
        try:
            files = read(name)
            if not files:
                raise _Refused("holds no .yml or .yaml rule files")
            count += len(files)
            size += sum(len(f.data) for f in files)
            if count > MAX_PACK_FILES or size > MAX_PACK_BYTES:
                raise _Refused(
                    f"makes the packs larger than {MAX_PACK_FILES} files or "
                    f"{MAX_PACK_BYTES // (1024 * 1024)} MiB; name the rule files to use"
                )
        except _Refused as exc:
            line = setting_line(config_text, ("rules", "packs", index)) if config_text else None
            where = f"`{config_name}`" + (f" line {line}" if line else "")
            raise PackError(
                f"{where}: `rules.packs` `{name}` {exc}", filename=config_name, line=line
            ) from None
        sources.append(PackSource(name, tuple(files)))
    return sources


def _worktree_files(top: Path, name: str) -> list[PackFile]:
    base = name.rstrip("/")
    target = _inside(top / base, top)
    if target.is_file():
        return [PackFile(base, posixpath.basename(base), target.read_bytes())]
    files: list[PackFile] = []
    for path in sorted(target.rglob("*")):
        relative = path.relative_to(target).as_posix()
        if is_rule_file(relative):
            real = _inside(path, top)
            if real.is_file():
                files.append(PackFile(f"{base}/{relative}", relative, real.read_bytes()))
    return files


def _inside(path: Path, top: Path) -> Path:
    if not path.exists():
        if path.is_symlink():
            raise _Refused("is a symbolic link to nothing; commit the rule files themselves")
        raise _Refused("does not exist in the repository; fix the path or commit the rules")
    real = path.resolve()
    if not real.is_relative_to(top):
        raise _Refused(
            f"leads outside the repository through a symbolic link ({path.relative_to(top)}); "
            "commit the rule files themselves"
        )
    return real


def _tree_files(
    repo: Any, tree: Any, name: str, under: str = "", where: str | None = None
) -> list[PackFile]:
    import pygit2

    base = name.rstrip("/")
    obj = _tree_object(repo, tree, under + base)
    if isinstance(obj, pygit2.Blob):
        return [PackFile(base, posixpath.basename(base), bytes(obj.data))]
    files: list[PackFile] = []
    for path in sorted(_tree_paths(obj, f"{base}/", where)):
        relative = path.removeprefix(f"{base}/")
        if is_rule_file(relative):
            found = _tree_object(repo, tree, f"{under}{base}/{relative}")
            if isinstance(found, pygit2.Blob):
                files.append(PackFile(f"{base}/{relative}", relative, bytes(found.data)))
    return files


def _tree_paths(tree: Any, prefix: str, where: str | None) -> list[str]:
    """The paths of the files below ``tree``; they are written to disk when staged, so a name
    like ``..`` raises :class:`~app.tree_paths.UnsafeTreeEntry`."""
    paths: list[str] = []
    for entry in tree:
        path = checked_child(prefix, entry.name, where)
        if entry.type_str == "tree":
            paths.extend(_tree_paths(entry, f"{path}/", where))
        else:
            paths.append(path)
    return paths


def _tree_object(repo: Any, tree: Any, path: str) -> Any:
    """The blob or tree at ``path``, following symbolic links that stay inside the tree."""
    for _ in range(_LINK_HOPS):
        try:
            entry = tree[path]
        except KeyError:
            raise _Refused(
                "does not exist on the base branch; fix the path or commit the rules there"
            ) from None
        if entry.filemode != _GIT_LINK:
            return repo[entry.id]
        target = bytes(repo[entry.id].data).decode("utf-8", "replace")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        if target.startswith("/") or joined == ".." or joined.startswith("../"):
            raise _Refused(
                f"leads outside the repository through a symbolic link ({path} → {target}); "
                "commit the rule files themselves"
            )
        path = joined
    raise _Refused("is a loop of symbolic links; commit the rule files themselves")
