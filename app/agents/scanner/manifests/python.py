"""Python project manifests: ``pyproject.toml`` (PEP 621, PEP 735 dependency groups, Poetry,
uv, build-system), ``setup.cfg`` and ``Pipfile``."""

from __future__ import annotations

import configparser

from app.models.scan import DependencyScope, License

from .documents import as_list, as_table, as_text, table_at
from .parsed import ManifestError, ParseContext, ParsedFile
from .pep508 import parse_requirement
from .spdx import manifest_license, spdx_from_classifier
from .tomldoc import TomlKey, TomlLines, load_toml


def parse_pyproject(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "pypi", "manifest")
    document, lines = load_toml(text)
    project = as_table(document.get("project"))
    _requirement_list(result, lines, ("project", "dependencies"), project.get("dependencies"))
    for extra, requirements in as_table(project.get("optional-dependencies")).items():
        key = ("project", "optional-dependencies", extra)
        _requirement_list(result, lines, key, requirements, scope="optional", group=extra)
    for group, requirements in as_table(document.get("dependency-groups")).items():
        _requirement_list(result, lines, ("dependency-groups", group), requirements, "dev", group)
    uv_dev = table_at(document, "tool", "uv").get("dev-dependencies")
    _requirement_list(result, lines, ("tool", "uv", "dev-dependencies"), uv_dev, "dev", "dev")
    build_requires = table_at(document, "build-system").get("requires")
    _requirement_list(result, lines, ("build-system", "requires"), build_requires, "build")
    _poetry(result, lines, table_at(document, "tool", "poetry"))
    result.licenses.extend(_pyproject_licenses(path, project, table_at(document, "tool", "poetry")))
    return result


def _requirement_list(
    result: ParsedFile,
    lines: TomlLines,
    key: TomlKey,
    requirements: object,
    scope: DependencyScope = "runtime",
    group: str | None = None,
) -> None:
    key_line = lines.key_line(key)
    for item in as_list(requirements):
        if not isinstance(item, str):
            continue  # PEP 735 {include-group = "..."} entries name no package
        line = lines.value_line(key_line, item)
        requirement = parse_requirement(item)
        if requirement is None:
            result.warn(f"`{item}` in {'.'.join(key)} is not a PEP 508 requirement", line)
            continue
        result.add(
            requirement.name,
            requirement.specifier or requirement.url,
            line=line,
            scope=scope,
            group=group,
        )


def _poetry(result: ParsedFile, lines: TomlLines, poetry: dict[str, object]) -> None:
    sections: list[tuple[TomlKey, DependencyScope, str | None]] = [
        (("dependencies",), "runtime", None),
        (("dev-dependencies",), "dev", "dev"),
    ]
    for group_name in as_table(poetry.get("group")):
        sections.append((("group", group_name, "dependencies"), "dev", group_name))
    for section, scope, group in sections:
        for name, spec in table_at(poetry, *section).items():
            if name.lower() == "python":
                continue
            version, optional = _poetry_spec(spec)
            result.add(
                name,
                version,
                line=lines.key_line(("tool", "poetry", *section, name)),
                scope="optional" if optional and scope == "runtime" else scope,
                group=group,
            )


def _poetry_spec(spec: object) -> tuple[str | None, bool]:
    if isinstance(spec, list):  # multiple-constraint dependency: one entry per python/platform
        versions = [_poetry_spec(item)[0] for item in spec]
        return " || ".join(version for version in versions if version) or None, False
    text = as_text(spec)
    if text is not None:
        return (None if text == "*" else text), False
    table = as_table(spec)
    version = next(
        (as_text(table[key]) for key in ("version", "git", "url", "path") if key in table), None
    )
    return (None if version == "*" else version), table.get("optional") is True


def _pyproject_licenses(
    path: str, project: dict[str, object], poetry: dict[str, object]
) -> list[License]:
    values: list[str] = []
    for value in (project.get("license"), poetry.get("license")):
        text = as_text(value) or as_text(as_table(value).get("text"))
        if text:
            values.append(text)
    found = [licence for value in values if (licence := manifest_license(value, path))]
    for classifier in as_list(project.get("classifiers")) + as_list(poetry.get("classifiers")):
        spdx_id = spdx_from_classifier(str(classifier))
        if spdx_id is not None:
            found.append(License(spdx_id=spdx_id, path=path, source="manifest"))
    return _unique(found)


def _unique(licenses: list[License]) -> list[License]:
    seen: dict[str, License] = {}
    for licence in licenses:
        seen.setdefault(licence.spdx_id, licence)
    return list(seen.values())


def parse_setup_cfg(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "pypi", "manifest")
    config = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        config.read_string(text, source=path)
    except configparser.MissingSectionHeaderError as exc:
        raise ManifestError("has a line before the first [section] header", exc.lineno) from exc
    except configparser.ParsingError as exc:
        first = exc.errors[0][0] if exc.errors else None
        raise ManifestError("has a line that is neither a [section] nor a setting", first) from exc
    except configparser.Error as exc:
        raise ManifestError(
            f"is not a valid INI file: {exc.message}", getattr(exc, "lineno", None)
        ) from exc
    locate = _IniLines(text)
    sections: list[tuple[str, str, DependencyScope, str | None]] = [
        ("options", "install_requires", "runtime", None),
        ("options", "tests_require", "test", None),
        ("options", "setup_requires", "build", None),
    ]
    if config.has_section("options.extras_require"):
        for extra in config.options("options.extras_require"):
            sections.append(("options.extras_require", extra, "optional", extra))
    for section, option, scope, group in sections:
        raw = config.get(section, option, fallback="")
        for item in raw.splitlines():
            item = item.split(" #", 1)[0].strip()
            if not item or item.startswith("#"):
                continue
            line = locate.value_line(section, option, item)
            requirement = parse_requirement(item)
            if requirement is None:
                result.warn(f"`{item}` in [{section}] {option} is not a PEP 508 requirement", line)
                continue
            spec = requirement.specifier or requirement.url
            result.add(requirement.name, spec, line=line, scope=scope, group=group)
    licence = manifest_license(config.get("metadata", "license", fallback=""), path)
    found = [licence] if licence else []
    for classifier in config.get("metadata", "classifiers", fallback="").splitlines():
        spdx_id = spdx_from_classifier(classifier.strip())
        if spdx_id is not None:
            found.append(License(spdx_id=spdx_id, path=path, source="manifest"))
    result.licenses.extend(_unique(found))
    return result


class _IniLines:
    """configparser keeps no positions; find section, option and value lines in the text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def value_line(self, section: str, option: str, value: str) -> int | None:
        in_section = False
        option_line = None
        for number, raw in enumerate(self.lines, start=1):
            stripped = raw.strip()
            if stripped.startswith("[") and stripped.endswith("]"):
                if option_line is not None:
                    break
                in_section = stripped[1:-1].strip() == section
                continue
            if not in_section:
                continue
            if option_line is None:
                key = stripped.split("=", 1)[0].split(":", 1)[0].strip().lower()
                if key == option and ("=" in stripped or ":" in stripped):
                    option_line = number
                    if value in stripped.split("=", 1)[-1]:
                        return number
            elif value in stripped:
                return number
        return option_line


def parse_pipfile(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "pypi", "manifest")
    document, lines = load_toml(text)
    for category, packages in document.items():
        if category in ("source", "requires", "pipenv", "scripts"):
            continue
        scope: DependencyScope = "runtime" if category == "packages" else "dev"
        group = None if category in ("packages", "dev-packages") else category
        for name, spec in as_table(packages).items():
            table = as_table(spec)
            version = as_text(spec) or next(
                (as_text(table[key]) for key in ("version", "git", "path", "file") if key in table),
                None,
            )
            result.add(
                name,
                None if version == "*" else version,
                line=lines.key_line((category, name)),
                scope=scope,
                group=group,
            )
    return result
