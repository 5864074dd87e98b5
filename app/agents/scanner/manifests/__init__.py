"""Dependency manifests and lock files of eleven ecosystems, parsed without running anything.

The scanner calls :func:`is_manifest` on every path and :func:`parse_manifests` once with the
ones it kept. Structured files go through real parsers (tomllib, json, PyYAML, defusedxml);
build scripts that are code (Gradle, Gemfile, mix.exs) through small tokenizers. A file that
cannot be parsed becomes a :class:`~app.models.scan.ScanWarning` naming the file and line."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from app.models.scan import Dependency, License, Manifest, ScanWarning

from . import (
    cargo,
    composer,
    go,
    gradle,
    maven,
    npm,
    npm_locks,
    nuget,
    pub,
    python,
    python_locks,
    ruby,
)
from . import (
    hex as elixir,
)
from .decoding import decode
from .parsed import ManifestError, ParseContext, ParsedFile
from .requirements import is_requirements_file, parse_requirement_files, scope_of
from .requirements import parse_alone as requirements_alone
from .resolve import resolve_locks

__all__ = [
    "EarlyOutcome",
    "ManifestMemo",
    "ManifestResults",
    "ParseOutcome",
    "SameAs",
    "is_manifest",
    "parse_alone",
    "parse_manifests",
]

Parser = Callable[[str, str, ParseContext], ParsedFile]

_BY_NAME: dict[str, Parser] = {
    "pyproject.toml": python.parse_pyproject,
    "setup.cfg": python.parse_setup_cfg,
    "Pipfile": python.parse_pipfile,
    "Pipfile.lock": python_locks.parse_pipfile_lock,
    "poetry.lock": python_locks.parse_poetry_lock,
    "uv.lock": python_locks.parse_uv_lock,
    "package.json": npm.parse_package_json,
    "package-lock.json": npm.parse_package_lock,
    "npm-shrinkwrap.json": npm.parse_package_lock,
    "yarn.lock": npm_locks.parse_yarn_lock,
    "pnpm-lock.yaml": npm_locks.parse_pnpm_lock,
    "go.mod": go.parse_go_mod,
    "Cargo.toml": cargo.parse_cargo_toml,
    "Cargo.lock": cargo.parse_cargo_lock,
    "pom.xml": maven.parse_pom,
    "build.gradle": gradle.parse_build_gradle,
    "build.gradle.kts": gradle.parse_build_gradle,
    "Gemfile": ruby.parse_gemfile,
    "gems.rb": ruby.parse_gemfile,
    "Gemfile.lock": ruby.parse_gemfile_lock,
    "gems.locked": ruby.parse_gemfile_lock,
    "composer.json": composer.parse_composer_json,
    "composer.lock": composer.parse_composer_lock,
    "packages.config": nuget.parse_packages_config,
    "packages.lock.json": nuget.parse_packages_lock,
    "gradle.lockfile": gradle.parse_gradle_lockfile,
    "mix.exs": elixir.parse_mix_exs,
    "mix.lock": elixir.parse_mix_lock,
    "pubspec.yaml": pub.parse_pubspec,
    "pubspec.lock": pub.parse_pubspec_lock,
}
# Installed packages carry their own package.json files; they are not the project's manifests.
_INSTALLED_DIRS = {"node_modules", "bower_components", ".git"}


@dataclass(frozen=True)
class ManifestResults:
    manifests: list[Manifest]
    dependencies: list[Dependency]
    warnings: list[ScanWarning]
    licenses: list[License]


def _is_installed(relpath: str) -> bool:
    return any(part in _INSTALLED_DIRS for part in relpath.split("/")[:-1])


def _parser_for(relpath: str) -> Parser | None:
    if _is_installed(relpath):
        return None
    name = posixpath.basename(relpath)
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name.endswith(nuget.PROJECT_SUFFIXES):
        return nuget.parse_project_file
    if relpath == gradle.CATALOG or relpath.endswith("/" + gradle.CATALOG):
        return gradle.parse_catalog
    return None


def is_manifest(relpath: str) -> bool:
    """Whether ``relpath`` (posix, relative to the root) is a file this package parses."""
    if _parser_for(relpath) is not None:
        return True
    return is_requirements_file(relpath) and not _is_installed(relpath)


def _internal_error(exc: Exception) -> str:
    return f"could not be read ({type(exc).__name__}: {exc}); please report this file"


def _parse_one(
    parser: Parser, relpath: str, text: str, context: ParseContext
) -> ParsedFile | ScanWarning:
    try:
        return parser(relpath, text, context)
    except ManifestError as exc:
        name = posixpath.basename(relpath)
        message = f"{name} {exc.message}; its dependencies are not listed"
        return ScanWarning(path=relpath, line=exc.line, message=message)
    except Exception as exc:  # a parser bug must cost one file, never the scan
        return ScanWarning(path=relpath, message=_internal_error(exc))


@dataclass(frozen=True)
class SameAs:
    """A manifest with the bytes, and the parser, of one parsed before at ``path``: its result is
    that one's, moved to this path."""

    path: str


ParseOutcome = ParsedFile | ScanWarning
# What a walk made of a manifest where it read it; None: it needs other files of the tree.
EarlyOutcome = ParseOutcome | SameAs | None


def parse_alone(relpath: str, text: str) -> ParseOutcome | None:
    """Parse the manifest ``relpath`` (see :func:`is_manifest`) from its own text, as
    :func:`parse_manifests` would; None when that takes other files of the tree (a Cargo
    workspace member, a Gradle build using a version catalog, a requirements file with
    includes), which only :func:`parse_manifests` can read."""
    parser = _parser_for(relpath)
    if parser is None:
        try:
            return requirements_alone(relpath, text)
        except Exception as exc:  # as in _parse_one: a parser bug must cost one file
            return ScanWarning(path=relpath, message=_internal_error(exc))
    asked: list[str] = []

    def refuse(other: str) -> None:
        asked.append(other)

    outcome = _parse_one(parser, relpath, text, ParseContext(refuse))
    return None if asked else outcome


class ManifestMemo:
    """Parse results by content: a manifest whose bytes were parsed before by the same parser
    (vendored copies, a monorepo's look-alike packages, a tree copied a hundred times) is not
    parsed again but answered with :class:`SameAs`, naming the first path. One memo serves one
    walk or one :func:`parse_manifests`, so every path it names is part of the same scan."""

    def __init__(self) -> None:
        self._first: dict[tuple[object, bool, bytes], str | None] = {}

    def parse(self, relpath: str, data: bytes, digest: bytes | None = None) -> EarlyOutcome:
        """``digest`` names the bytes when the caller already has a hash of them (a blob id)."""
        if digest is None:
            digest = hashlib.sha1(data, usedforsecurity=False).digest()
        # A parser may look in the directories above a file (a Cargo workspace member); one at
        # the root has none, so the same bytes there can parse differently.
        key = (_memo_kind(relpath), "/" in relpath, digest)
        if key in self._first:
            first = self._first[key]
            return None if first is None else SameAs(first)
        outcome = parse_alone(relpath, decode(data))
        if outcome is None:
            self._first[key] = None
        elif _movable(outcome, relpath):
            self._first[key] = relpath
        return outcome


def _memo_kind(relpath: str) -> object:
    parser = _parser_for(relpath)
    if parser is not None:
        return parser
    return ("requirements", scope_of(relpath))  # the only thing a path says to that parser


def _movable(outcome: ParseOutcome, relpath: str) -> bool:
    """Whether the outcome names its path only where :func:`_moved` rewrites it (a parser error
    may quote it: configparser does)."""
    warnings = [outcome] if isinstance(outcome, ScanWarning) else outcome.warnings
    return not any(relpath in warning.message for warning in warnings)


def _moved(outcome: ParseOutcome, relpath: str) -> ParseOutcome:
    if isinstance(outcome, ScanWarning):
        return outcome.model_copy(update={"path": relpath})
    return outcome.moved_to(relpath)


def parse_manifests(
    relpaths: Sequence[str],
    read: Callable[[str], bytes | None],
    *,
    early: Mapping[str, EarlyOutcome] | None = None,
    digest: Callable[[str], bytes | None] | None = None,
) -> ManifestResults:
    """Parse every manifest among ``relpaths``; ``read`` returns a file's bytes or None.

    ``early`` holds what the walk already made of some of them (a :class:`ManifestMemo` run
    where the files were read, on every core); ``digest`` names a file's bytes when the caller
    knows a hash of them (a git blob id), sparing one here."""
    context = ParseContext(read)
    memo = ManifestMemo()
    early = early or {}
    outcomes: dict[str, ParseOutcome] = {}
    copies: dict[str, str] = {}
    deferred: list[str] = []
    for relpath in sorted(set(relpaths)):
        if not is_manifest(relpath):
            continue
        if relpath in early:
            outcome = early[relpath]
        else:
            data = context.read_data(relpath)
            if data is None:
                continue  # skipped or unreadable: the scan reports that itself
            outcome = memo.parse(relpath, data, digest(relpath) if digest else None)
        if isinstance(outcome, SameAs):
            copies[relpath] = outcome.path
        elif outcome is None:
            deferred.append(relpath)
        else:
            outcomes[relpath] = outcome
    for relpath, original in copies.items():
        if original in outcomes:
            outcomes[relpath] = _moved(outcomes[original], relpath)
        else:  # only a walk that lost a result could say so; parse it here
            deferred.append(relpath)
    _parse_with_tree(sorted(deferred), context, outcomes)
    parsed = [outcomes[path] for path in sorted(outcomes)]
    files = [outcome for outcome in parsed if isinstance(outcome, ParsedFile)]
    resolve_locks(files)
    return _collect(files, [outcome for outcome in parsed if isinstance(outcome, ScanWarning)])


def _parse_with_tree(
    relpaths: list[str], context: ParseContext, outcomes: dict[str, ParseOutcome]
) -> None:
    """Parse the manifests that read other files of the tree, adding them to ``outcomes``."""
    requirement_paths: list[str] = []
    for relpath in relpaths:
        parser = _parser_for(relpath)
        if parser is None:
            requirement_paths.append(relpath)
            continue
        text = context.read_text(relpath)
        if text is not None:
            outcomes[relpath] = _parse_one(parser, relpath, text, context)
    if not requirement_paths:
        return
    try:
        parsed = parse_requirement_files(requirement_paths, context, known=set(outcomes))
    except Exception as exc:  # as in _parse_one: a parser bug must not end the scan
        message = _internal_error(exc)
        for path in requirement_paths:
            outcomes[path] = ScanWarning(path=path, message=message)
        return
    outcomes.update((result.path, result) for result in parsed)


def _collect(parsed: list[ParsedFile], failures: list[ScanWarning]) -> ManifestResults:
    parsed.sort(key=lambda result: result.path)
    warnings: dict[tuple[str, int | None, str], ScanWarning] = {}
    for warning in [*failures, *(w for result in parsed for w in result.warnings)]:
        warnings.setdefault((warning.path, warning.line, warning.message), warning)
    licenses: dict[tuple[str, str], License] = {}
    for licence in (licence for result in parsed for licence in result.licenses):
        licenses.setdefault((licence.path, licence.spdx_id), licence)
    return ManifestResults(
        manifests=[
            Manifest(
                path=result.path,
                ecosystem=result.ecosystem,
                kind=result.kind,
                dependencies=len(result.dependencies),
            )
            for result in parsed
        ],
        dependencies=[dependency for result in parsed for dependency in result.dependencies],
        warnings=sorted(warnings.values(), key=lambda w: (w.path, w.line or 0)),
        licenses=list(licenses.values()),
    )
