"""Dependency manifests and lock files of eleven ecosystems, parsed without running anything.

The scanner calls :func:`is_manifest` on every path and :func:`parse_manifests` once with the
ones it kept. Structured files go through real parsers (tomllib, json, PyYAML, defusedxml);
build scripts that are code (Gradle, Gemfile, mix.exs) through small tokenizers. A file that
cannot be parsed becomes a :class:`~app.models.scan.ScanWarning` naming the file and line."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
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
from .parsed import ManifestError, ParseContext, ParsedFile
from .requirements import is_requirements_file, parse_requirement_files
from .resolve import resolve_locks

__all__ = ["ManifestResults", "is_manifest", "parse_manifests"]

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


def parse_manifests(
    relpaths: Sequence[str], read: Callable[[str], bytes | None]
) -> ManifestResults:
    """Parse every manifest among ``relpaths``; ``read`` returns a file's bytes or None."""
    context = ParseContext(read)
    parsed: list[ParsedFile] = []
    failures: list[ScanWarning] = []
    requirement_paths: list[str] = []
    for relpath in sorted(set(relpaths)):
        parser = _parser_for(relpath)
        if parser is None:
            if is_manifest(relpath):
                requirement_paths.append(relpath)
            continue
        text = context.read_text(relpath)
        if text is None:
            continue  # skipped or unreadable: the scan reports that itself
        result = _parse_one(parser, relpath, text, context)
        if isinstance(result, ScanWarning):
            failures.append(result)
        else:
            parsed.append(result)
    try:
        parsed.extend(parse_requirement_files(requirement_paths, context))
    except Exception as exc:  # as in _parse_one: a parser bug must not end the scan
        message = _internal_error(exc)
        failures.extend(ScanWarning(path=path, message=message) for path in requirement_paths)
    resolve_locks(parsed)
    return _collect(parsed, failures)


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
