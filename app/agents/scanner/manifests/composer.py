"""PHP Composer: ``composer.json`` and ``composer.lock``. Platform requirements (``php``,
``ext-*``, ``lib-*``, Composer's own APIs) are not packages and are left out."""

from __future__ import annotations

from app.models.scan import DependencyScope

from .documents import as_list, as_table, as_text
from .jsondoc import load_json
from .parsed import ParseContext, ParsedFile
from .spdx import manifest_license

_PLATFORM = {"php", "php-64bit", "hhvm", "composer", "composer-plugin-api", "composer-runtime-api"}
_SECTIONS: tuple[tuple[str, DependencyScope], ...] = (
    ("require", "runtime"),
    ("require-dev", "dev"),
)


def is_platform_package(name: str) -> bool:
    lowered = name.lower()
    return lowered in _PLATFORM or lowered.startswith(("ext-", "lib-"))


def parse_composer_json(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "composer", "manifest")
    document = load_json(text, max_depth=2)
    package = as_table(document.value)
    for section, scope in _SECTIONS:
        for name, spec in as_table(package.get(section)).items():
            if not is_platform_package(name):
                result.add(name, as_text(spec), line=document.line(section, name), scope=scope)
    licence_value = package.get("license")
    for value in as_list(licence_value) or [licence_value]:
        text_value = as_text(value)
        licence = manifest_license(text_value, path) if text_value else None
        if licence is not None:
            result.licenses.append(licence)
    return result


def parse_composer_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "composer", "lockfile")
    document = load_json(text, max_depth=3)
    lock = as_table(document.value)
    sections: tuple[tuple[str, DependencyScope], ...] = (
        ("packages", "runtime"),
        ("packages-dev", "dev"),
    )
    for section, scope in sections:
        for index, entry in enumerate(as_list(lock.get(section))):
            package = as_table(entry)
            name, version = as_text(package.get("name")), as_text(package.get("version"))
            if name and version:
                line = document.line(section, index, "name") or document.line(section, index)
                result.add_locked(name, version, line=line, scope=scope)
    return result
