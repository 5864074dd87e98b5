"""Lock files of the other npm clients: ``yarn.lock`` (the v1 format, and Yarn Berry's YAML)
and ``pnpm-lock.yaml`` (lockfile versions 5, 6 and 9)."""

from __future__ import annotations

from app.models.scan import DependencyScope

from .documents import as_table, as_text
from .parsed import ManifestError, ParseContext, ParsedFile
from .yamldoc import load_yaml

_PNPM_SECTIONS: tuple[tuple[str, DependencyScope], ...] = (
    ("dependencies", "runtime"),
    ("devDependencies", "dev"),
    ("optionalDependencies", "optional"),
)


def descriptor_name(descriptor: str) -> tuple[str, str]:
    """``@babel/core@^7.0.0`` -> (``@babel/core``, ``^7.0.0``), without Berry's ``npm:``."""
    at = descriptor.find("@", 1)
    if at < 0:
        return descriptor, ""
    return descriptor[:at], descriptor[at + 1 :].removeprefix("npm:")


def parse_yarn_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    if "__metadata:" in text:
        return _parse_berry(path, text)
    result = ParsedFile(path, "npm", "lockfile")
    descriptors: list[str] = []
    entry_line = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            if not raw.rstrip().endswith(":"):
                raise ManifestError(f"`{raw.strip()}` is not a yarn.lock entry header", number)
            descriptors = [part.strip().strip('"') for part in raw.rstrip()[:-1].split(",")]
            entry_line = number
            continue
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if indent == 2 and stripped.startswith("version ") and descriptors:
            version = stripped[len("version ") :].strip().strip('"')
            _add_yarn_entry(result, descriptors, version, entry_line)
            descriptors = []
    return result


def _add_yarn_entry(result: ParsedFile, descriptors: list[str], version: str, line: int) -> None:
    names: list[str] = []
    for descriptor in descriptors:
        name, wanted = descriptor_name(descriptor)
        result.ranges[(name, wanted)] = version
        if name not in names:
            names.append(name)
    for name in names:
        result.add_locked(name, version, line=line)


def _parse_berry(path: str, text: str) -> ParsedFile:
    result = ParsedFile(path, "npm", "lockfile")
    document = load_yaml(text, max_depth=1)
    for key, entry in as_table(document.value).items():
        table = as_table(entry)
        version = as_text(table.get("version"))
        resolution = as_text(table.get("resolution")) or ""
        if key == "__metadata" or not version or "@workspace:" in resolution:
            continue
        descriptors = [part.strip() for part in key.split(",")]
        _add_yarn_entry(result, descriptors, version, document.line(key) or 0)
    return result


def parse_pnpm_lock(path: str, text: str, context: ParseContext) -> ParsedFile:
    result = ParsedFile(path, "npm", "lockfile")
    document = load_yaml(text, max_depth=2)
    lock = as_table(document.value)
    importers = as_table(lock.get("importers")) or {".": lock}
    for directory, importer in importers.items():
        pins = _importer_pins(as_table(importer))
        result.importers["" if directory == "." else directory.strip("./")] = pins
    slash_keys = (as_text(lock.get("lockfileVersion")) or "").startswith("5")
    for key, entry in as_table(lock.get("packages")).items():
        parsed = _package_key(key, slash_keys)
        if parsed is None:
            continue
        scope: DependencyScope = "dev" if as_table(entry).get("dev") is True else "runtime"
        result.add_locked(*parsed, line=document.line("packages", key), scope=scope)
    return result


def _importer_pins(importer: dict[str, object]) -> dict[str, str]:
    pins: dict[str, str] = {}
    for section, _ in _PNPM_SECTIONS:
        for name, pinned in as_table(importer.get(section)).items():
            # lockfile 5: "4.18.2" or "1.0.0_react@18.2.0"; 6 and 9: {specifier, version}
            version = as_text(pinned) or as_text(as_table(pinned).get("version")) or ""
            version = _strip_peers(version)
            if version and not version.startswith(("link:", "file:", "workspace:")):
                pins[name] = version
    return pins


def _strip_peers(version: str) -> str:
    version = version.split("(", 1)[0]
    if version.startswith("/"):  # an npm alias: "/string-width@4.2.3"
        version = version.rsplit("@", 1)[-1]
    return version.split("_", 1)[0]


def _package_key(key: str, slash_keys: bool) -> tuple[str, str] | None:
    """``/express/4.18.2_peer@1`` (5), ``/express@4.18.2`` (6), ``express@4.18.2(peer)`` (9)."""
    if key.startswith(("file:", "link:")) or "://" in key:
        return None
    key = key.removeprefix("/")
    if slash_keys:
        name, _, version = key.rpartition("/")  # peer suffixes write scopes with "+", not "/"
        version = version.split("_", 1)[0]
    else:
        key = key.split("(", 1)[0]
        at = key.rfind("@")
        if at <= 0:
            return None
        name, version = key[:at], key[at + 1 :]
    return (name, version) if name and version and version[0].isdigit() else None
