"""The semgrep rule pack: its content hash (part of every semgrep cache key) and, per rule, the
languages and ``paths`` filters that decide which files it applies to.

A cached semgrep result for a blob is valid only for paths where the same rules apply to it
the same way, so the cache key carries a *path class*: the file's language key plus the id and
content hash of every rule that applies at that path (``paths: include`` rules for workflows,
Dockerfiles, …). Editing one rule thus invalidates exactly the files it applies to.

Custom packs (the repository's ``rules.packs`` and the server's ``VIBE_RULES_DIR``, staged by
:mod:`.pack_stage`) join the built-in pack as :class:`PackDirectory` entries: their rules get
path classes like ours, so an edited custom rule re-scans only the files it applies to and an
unchanged pack re-uses the cache.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pathspec
import yaml

from app.models.finding import BUILTIN_PACK

DEFAULT_RULES_DIR = Path(__file__).parent / "rules"

# Semgrep's language names and the file names it analyzes for each (explicit targets).
LANGUAGE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "python": (".py", ".pyi", ".pyw"),
    "javascript": (".js", ".jsx", ".mjs", ".cjs"),
    "typescript": (".ts", ".tsx", ".mts", ".cts"),
    "json": (".json",),
    "yaml": (".yml", ".yaml"),
    "bash": (".sh", ".bash"),
    "go": (".go",),
    "java": (".java",),
    "ruby": (".rb",),
    "php": (".php",),
    "html": (".html", ".htm"),
    "terraform": (".tf", ".hcl", ".tfvars"),
    "c": (".c", ".h"),
    "kotlin": (".kt", ".kts"),
    "rust": (".rs",),
    "csharp": (".cs",),
    "scala": (".scala",),
    "swift": (".swift",),
    "solidity": (".sol",),
    "dockerfile": (".dockerfile",),
}
LANGUAGE_ALIASES: dict[str, str] = {
    "py": "python",
    "js": "javascript",
    "ts": "typescript",
    "sh": "bash",
    "hcl": "terraform",
    "tf": "terraform",
    "docker": "dockerfile",
    "golang": "go",
    "rb": "ruby",
    "c#": "csharp",
}
ANY_FILE_LANGUAGES = frozenset({"generic", "regex", "none"})


def language_key(path: str) -> str:
    """What semgrep decides a file's language by: its suffix, or its name (``Dockerfile``)."""
    name = posixpath.basename(path)
    lowered = name.lower()
    if lowered.startswith(("dockerfile", "containerfile")):
        return "dockerfile"
    _, suffix = posixpath.splitext(lowered)
    return suffix or f"name:{name}"


@dataclass(frozen=True)
class RuleInfo:
    id: str
    digest: str
    languages: frozenset[str]
    severity: str
    message: str
    metadata: dict[str, Any]
    include: pathspec.GitIgnoreSpec | None = None
    exclude: pathspec.GitIgnoreSpec | None = None
    pack: str = BUILTIN_PACK

    def applies_to(self, path: str, key: str) -> bool:
        if not self._language_matches(key):
            return False
        if self.include is not None and not self.include.match_file(path):
            return False
        return not (self.exclude is not None and self.exclude.match_file(path))

    def _language_matches(self, key: str) -> bool:
        if self.languages & ANY_FILE_LANGUAGES:
            return True
        for language in self.languages:
            if language == "dockerfile" and key == "dockerfile":
                return True
            if key in LANGUAGE_SUFFIXES.get(language, ()):
                return True
        return False


@dataclass(frozen=True)
class PackDirectory:
    """A custom pack staged for semgrep: its rules' ids carry ``prefix``; ``digest`` hashes the
    staged files (what semgrep runs)."""

    name: str
    prefix: str
    directory: Path
    digest: str


@dataclass
class RulePack:
    directory: Path
    digest: str
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    _classes: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    # Custom packs' folders, given to semgrep after ours.
    extra_directories: tuple[Path, ...] = ()

    def config_args(self) -> list[str]:
        """semgrep's ``--config`` options for every pack of this run."""
        return [
            arg
            for directory in (self.directory, *self.extra_directories)
            for arg in ("--config", str(directory))
        ]

    def packs(self) -> list[str]:
        """The names of the packs with rules in this run, ours first."""
        return list(dict.fromkeys(rule.pack for rule in self.rules.values()))

    def applicable_rules(self, path: str) -> tuple[str, ...]:
        key = language_key(path)
        filtered = any(r.include is not None or r.exclude is not None for r in self.rules.values())
        memo_key = (key, path if filtered else "")
        found = self._classes.get(memo_key)
        if found is None:
            found = tuple(sorted(r.id for r in self.rules.values() if r.applies_to(path, key)))
            self._classes[memo_key] = found
        return found

    def path_class(self, path: str) -> str | None:
        """Cache-key component for ``path``; ``None`` when no rule applies (semgrep is not run)."""
        applicable = self.applicable_rules(path)
        if not applicable:
            return None
        text = "\n".join(f"{rule_id}\0{self.rules[rule_id].digest}" for rule_id in applicable)
        digest = hashlib.sha256(text.encode()).hexdigest()
        return f"{language_key(path)}:{digest[:24]}"


def rule_files(directory: Path) -> list[Path]:
    """Rule files semgrep loads from ``directory`` (test targets live in ``rule_tests``)."""
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.rglob("*")
        if p.suffix in (".yml", ".yaml") and p.is_file() and not _hidden(p, directory)
    )


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load_rule_pack(directory: Path) -> RulePack:
    """The pack in ``directory``, read and hashed again only when a rule file changed."""
    signature = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in rule_files(directory)
    )
    return _load_rule_pack(directory, signature)


def with_packs(base: RulePack, packs: Sequence[PackDirectory]) -> RulePack:
    """``base`` and the custom ``packs`` as one rule set for one semgrep run; its digest covers
    them all (the report memo keys on it)."""
    if not packs:
        return base
    hasher = hashlib.sha256(base.digest.encode())
    rules = dict(base.rules)
    errors = list(base.errors)
    for pack in packs:
        hasher.update(f"\0{pack.name}\0{pack.prefix}\0{pack.digest}".encode())
        loaded = load_rule_pack(pack.directory)
        errors.extend(f"{pack.name}: {error}" for error in loaded.errors)
        rules.update(
            {rule_id: replace(rule, pack=pack.name) for rule_id, rule in loaded.rules.items()}
        )
    return RulePack(
        directory=base.directory,
        digest=hasher.hexdigest()[:20],
        rules=rules,
        errors=errors,
        extra_directories=tuple(pack.directory for pack in packs),
    )


# Bounded: every pull request check stages its custom packs in a new temporary folder.
@lru_cache(maxsize=64)
def _load_rule_pack(directory: Path, signature: tuple[tuple[str, int, int], ...]) -> RulePack:
    del signature  # only part of the memo key
    hasher = hashlib.sha256()
    pack = RulePack(directory=directory, digest="")
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in rule_files(directory):
        data = path.read_bytes()
        hasher.update(path.relative_to(directory).as_posix().encode() + b"\0" + data + b"\0")
        try:
            document = yaml.load(data, Loader=loader)  # noqa: S506 - a SafeLoader
        except yaml.YAMLError as exc:
            pack.errors.append(f"{path.name}: {exc}")
            continue
        for raw in (document or {}).get("rules", []) if isinstance(document, dict) else []:
            info = _rule_info(raw)
            if info is not None:
                pack.rules[info.id] = info
    pack.digest = hasher.hexdigest()[:20]
    return pack


def _rule_info(raw: object) -> RuleInfo | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    languages = frozenset(
        LANGUAGE_ALIASES.get(str(lang).lower(), str(lang).lower())
        for lang in raw.get("languages", [])
    )
    paths = raw.get("paths") if isinstance(raw.get("paths"), dict) else {}
    include = paths.get("include") if paths else None
    exclude = paths.get("exclude") if paths else None
    metadata = raw.get("metadata") if isinstance(raw.get("metadata"), dict) else {}
    canonical = json.dumps(raw, sort_keys=True, default=str)
    return RuleInfo(
        id=raw["id"],
        digest=hashlib.sha256(canonical.encode()).hexdigest()[:16],
        languages=languages,
        severity=str(raw.get("severity", "WARNING")),
        message=str(raw.get("message", "")).strip(),
        metadata=metadata or {},
        include=pathspec.GitIgnoreSpec.from_lines(include) if include else None,
        exclude=pathspec.GitIgnoreSpec.from_lines(exclude) if exclude else None,
    )
