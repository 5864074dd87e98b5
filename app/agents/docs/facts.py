"""What is true about a project, gathered from the scanner's report and the project files: the
only material the offline generator writes from and the model is given."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from app.models.scan import ScanReport
from app.reporting.markdown import plural

from .envvars import EnvVar, find_env_vars
from .install import InstallFacts, install_facts
from .source import API_DOC_PATH, SourceTree
from .symbols import ModuleApi, is_support_path

_MAKE_TARGET = re.compile(r"^([A-Za-z0-9][\w.-]*)\s*:(?![=:])", re.MULTILINE)
_GO_MAIN = re.compile(r"^package\s+main\b", re.MULTILINE)
_GO_VERSION = re.compile(r"^go\s+(\d+(?:\.\d+)*)", re.MULTILINE)
MAX_DEPENDENCIES = 25
_DEV_GROUPS = frozenset({"dev", "test", "tests", "testing", "lint", "docs", "typing", "develop"})
# Languages the scanner counts that are data or prose, not what a project is written in.
DATA_LANGUAGES: frozenset[str] = frozenset(
    {
        "JSON",
        "YAML",
        "TOML",
        "Markdown",
        "XML",
        "INI",
        "CSV",
        "Text",
        "reStructuredText",
        "AsciiDoc",
        "SVG",
        "Go Module",
        "Go Checksums",
        "Go Workspace",
    }
)


@dataclass(frozen=True)
class Dep:
    name: str
    version: str
    ecosystem: str


@dataclass
class ProjectFacts:
    name: str
    description: str = ""
    license: str | None = None
    languages: list[tuple[str, int, int]] = field(default_factory=list)
    runtimes: list[tuple[str, str]] = field(default_factory=list)
    dependencies: list[Dep] = field(default_factory=list)
    dev_dependencies: list[Dep] = field(default_factory=list)
    frameworks: list[tuple[str, str, str]] = field(default_factory=list)
    infrastructure: list[tuple[str, list[str]]] = field(default_factory=list)
    install: InstallFacts = field(default_factory=InstallFacts)
    run_commands: list[tuple[str, str]] = field(default_factory=list)
    test_commands: list[str] = field(default_factory=list)
    env_vars: list[EnvVar] = field(default_factory=list)
    layout: list[tuple[str, str]] = field(default_factory=list)
    programs: set[str] = field(default_factory=set)
    scripts: set[str] = field(default_factory=set)
    make_targets: set[str] = field(default_factory=set)

    def as_prompt_data(self) -> dict[str, Any]:
        """The facts as plain JSON for a prompt, lists cut to what a README needs."""
        return {
            "name": self.name,
            "description": self.description,
            "license": self.license,
            "languages": [{"name": n, "files": f, "lines": c} for n, f, c in self.languages[:8]],
            "runtimes": dict(self.runtimes),
            "dependencies": {d.name: d.version for d in self.dependencies[:MAX_DEPENDENCIES]},
            "frameworks": {n: {"category": c, "version": v} for n, c, v in self.frameworks},
            "infrastructure": {name: paths[:3] for name, paths in self.infrastructure},
            "install_commands": [command for _, command in self.install.published]
            or self.install.from_checkout,
            "contributor_setup_commands": self.install.setup,
            "run_commands": dict(self.run_commands),
            "test_commands": self.test_commands,
            "environment_variables": {
                v.name: {"read_in": f"{v.path}:{v.line}", "default": v.default}
                for v in self.env_vars[:40]
            },
            "layout": dict(self.layout),
        }


def gather_facts(report: ScanReport, tree: SourceTree, api: list[ModuleApi]) -> ProjectFacts:
    pyproject = _toml(tree.text("pyproject.toml"))
    package = _json(tree.text("package.json"))
    project = pyproject.get("project", {}) if isinstance(pyproject.get("project"), dict) else {}
    facts = ProjectFacts(name=_project_name(tree, project, package))
    facts.description = str(project.get("description") or package.get("description") or "")
    facts.license = report.license
    facts.languages = [
        (s.language, s.files, s.lines)
        for s in report.languages
        if s.files and s.language not in DATA_LANGUAGES
    ]
    facts.runtimes = _runtimes(project, package, tree)
    facts.dependencies, facts.dev_dependencies = _dependencies(report)
    facts.frameworks = [
        (framework.name, framework.category, _version_of(report, framework.name))
        for framework in report.frameworks
        if _in_project([evidence.path for evidence in framework.evidence])
    ]
    facts.infrastructure = [
        (item.name, [p for p in item.paths if not is_support_path(p)])
        for item in report.infrastructure
        if _in_project(item.paths)
    ]
    facts.env_vars = find_env_vars(tree)
    facts.make_targets = _make_targets(tree)
    facts.scripts = (
        set(package.get("scripts", {})) if isinstance(package.get("scripts"), dict) else set()
    )
    facts.install = install_facts(tree, pyproject, package)
    facts.programs |= facts.install.programs
    _commands(facts, report, tree, project, package)
    facts.layout = _layout(tree, api)
    return facts


def _in_project(paths: list[str]) -> bool:
    """Whether evidence comes from the project itself, not only from tests or their data."""
    return not paths or any(not is_support_path(path) for path in paths)


def _toml(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return {}


def _json(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        loaded = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _project_name(tree: SourceTree, project: dict[str, Any], package: dict[str, Any]) -> str:
    for candidate in (project.get("name"), package.get("name")):
        if isinstance(candidate, str) and candidate:
            return candidate
    module = re.search(r"^module\s+(\S+)", tree.text("go.mod") or "", re.MULTILINE)
    if module:
        return module[1].rsplit("/", 1)[-1]
    return tree.root.name


def _runtimes(
    project: dict[str, Any], package: dict[str, Any], tree: SourceTree
) -> list[tuple[str, str]]:
    runtimes: list[tuple[str, str]] = []
    if isinstance(project.get("requires-python"), str):
        runtimes.append(("Python", project["requires-python"]))
    engines = package.get("engines")
    if isinstance(engines, dict) and isinstance(engines.get("node"), str):
        runtimes.append(("Node.js", engines["node"]))
    go_version = _GO_VERSION.search(tree.text("go.mod") or "")
    if go_version:
        runtimes.append(("Go", go_version[1]))
    return runtimes


def _dependencies(report: ScanReport) -> tuple[list[Dep], list[Dep]]:
    runtime: dict[str, Dep] = {}
    dev: dict[str, Dep] = {}
    for dependency in report.dependencies:
        if not dependency.direct or is_support_path(dependency.manifest):
            continue
        version = dependency.resolved_version or dependency.version_spec or ""
        is_runtime = dependency.scope in {"runtime", "optional"} and (
            (dependency.group or "").lower() not in _DEV_GROUPS
        )
        target = runtime if is_runtime else dev
        target.setdefault(dependency.name, Dep(dependency.name, version, dependency.ecosystem))
    return sorted(runtime.values(), key=lambda d: d.name.lower()), sorted(
        dev.values(), key=lambda d: d.name.lower()
    )


def _version_of(report: ScanReport, name: str) -> str:
    wanted = name.lower().replace(" ", "-")
    for dependency in report.dependencies:
        if dependency.name.lower() == wanted and dependency.direct:
            return dependency.resolved_version or dependency.version_spec or ""
    return ""


def _make_targets(tree: SourceTree) -> set[str]:
    for name in ("Makefile", "makefile", "GNUmakefile"):
        text = tree.text(name)
        if text is not None:
            return {m[1] for m in _MAKE_TARGET.finditer(text) if not m[1].startswith(".")}
    return set()


def _has_dependency(report: ScanReport, *names: str) -> bool:
    wanted = {name.lower() for name in names}
    in_deps = any(dependency.name.lower() in wanted for dependency in report.dependencies)
    return in_deps or any(framework.name.lower() in wanted for framework in report.frameworks)


def _commands(
    facts: ProjectFacts,
    report: ScanReport,
    tree: SourceTree,
    project: dict[str, Any],
    package: dict[str, Any],
) -> None:
    ecosystems = {manifest.ecosystem for manifest in report.manifests}
    if "pypi" in ecosystems or "pyproject.toml" in tree.paths:
        _python_commands(facts, report, tree, project)
    if "package.json" in tree.paths:
        _node_commands(facts, tree, package)
    if "go.mod" in tree.paths:
        for main_dir in _go_main_dirs(tree):
            facts.run_commands.append((f"go run ./{main_dir}".rstrip("/"), "run the program"))
        facts.test_commands.append("go test ./...")
    if "Dockerfile" in tree.paths:
        facts.programs.add("docker")
        tag = re.sub(r"[^a-z0-9._-]+", "-", facts.name.lower()).strip("-") or "app"
        facts.run_commands.append((f"docker build -t {tag} .", "build the container image"))
    compose = [
        p
        for p in ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
        if p in tree.paths
    ]
    if compose:
        facts.programs.add("docker")
        facts.run_commands.append(("docker compose up", f"start the services in `{compose[0]}`"))
    if "test" in facts.make_targets:
        facts.programs.add("make")
        facts.test_commands.insert(0, "make test")


def _python_commands(
    facts: ProjectFacts, report: ScanReport, tree: SourceTree, project: dict[str, Any]
) -> None:
    scripts = project.get("scripts")
    if isinstance(scripts, dict):
        for command, target in sorted(scripts.items()):
            facts.programs.add(command)
            facts.run_commands.append(
                (f"{command} --help", f"the `{command}` command (`{target}`)")
            )
    for relpath in sorted(tree.paths):
        if relpath.endswith("/__main__.py") and relpath.count("/") == 1:
            module = relpath.split("/")[0]
            facts.run_commands.append((f"python -m {module}", f"run the `{module}` package"))
    if "tox.ini" in tree.paths:
        facts.programs.add("tox")
        facts.test_commands.append("tox")
    if _has_dependency(report, "pytest"):
        facts.programs.add("pytest")
        facts.test_commands.append("pytest")
    elif any("test_" in path and path.endswith(".py") for path in tree.paths):
        facts.test_commands.append("python -m unittest")


def _node_commands(facts: ProjectFacts, tree: SourceTree, package: dict[str, Any]) -> None:
    facts.programs.update({"node", "npm", "npx"})
    runner = "npm"
    if "yarn.lock" in tree.paths:
        runner = "yarn"
    elif "pnpm-lock.yaml" in tree.paths:
        runner = "pnpm"
    facts.programs.add(runner)
    scripts = package.get("scripts") if isinstance(package.get("scripts"), dict) else {}
    assert isinstance(scripts, dict)
    for script in ("start", "dev", "build", "serve"):
        if script in scripts:
            command = f"{runner} start" if script == "start" else f"{runner} run {script}"
            facts.run_commands.append((command, f"the `{script}` script of `package.json`"))
    if "test" in scripts:
        facts.test_commands.append(f"{runner} test")
    bins = package.get("bin")
    if isinstance(bins, dict):
        facts.programs.update(str(name) for name in bins)
    elif isinstance(bins, str) and isinstance(package.get("name"), str):
        facts.programs.add(package["name"].rsplit("/", 1)[-1])


def _go_main_dirs(tree: SourceTree) -> list[str]:
    dirs = {
        relpath.rpartition("/")[0]
        for relpath, text in tree.texts.items()
        if relpath.endswith(".go") and not relpath.endswith("_test.go") and _GO_MAIN.search(text)
    }
    return sorted(dirs)[:5]


_KNOWN_DIRS: dict[str, str] = {
    "tests": "tests",
    "test": "tests",
    "docs": "documentation",
    "scripts": "scripts",
    "examples": "examples",
    ".github": "GitHub configuration",
}
# Go's conventional directories: named so only when they hold Go code.
_GO_DIRS: dict[str, str] = {
    "cmd": "Go commands (main packages)",
    "pkg": "Go library packages",
    "internal": "Go packages internal to this module",
}
_LANGUAGE_OF_SUFFIX: dict[str, str] = {
    ".py": "Python",
    ".go": "Go",
    ".js": "JavaScript",
    ".mjs": "JavaScript",
    ".cjs": "JavaScript",
    ".jsx": "JavaScript",
    ".ts": "TypeScript",
    ".mts": "TypeScript",
    ".cts": "TypeScript",
    ".tsx": "TypeScript",
}


def _layout(tree: SourceTree, api: list[ModuleApi]) -> list[tuple[str, str]]:
    summaries = {module.path: module.summary for module in api}
    layout: list[tuple[str, str]] = []
    for directory in sorted(d for d in tree.dirs if "/" not in d):
        if directory.startswith(".") and directory != ".github":
            continue
        inside = [p for p in tree.paths if p.startswith(directory + "/")]
        if all(p == API_DOC_PATH for p in inside):
            continue  # holds only what this agent writes
        init = f"{directory}/__init__.py"
        languages = _languages_of(inside)
        packages = _packages_in(tree, directory)
        if init in tree.paths:
            described = summaries.get(init) or "Python package"
        elif packages:  # ``src/`` layout
            described = f"Python {'package' if len(packages) == 1 else 'packages'} " + ", ".join(
                f"`{name}`" for name in packages
            )
        elif directory in _GO_DIRS and languages == ["Go"]:
            described = _GO_DIRS[directory]
        else:
            described = _KNOWN_DIRS.get(directory) or _describe_files(inside, languages)
        layout.append((f"{directory}/", described))
    return layout[:30]


def _packages_in(tree: SourceTree, directory: str) -> list[str]:
    return sorted(
        path.split("/")[1]
        for path in tree.paths
        if path.startswith(directory + "/")
        and path.count("/") == 2
        and path.endswith("/__init__.py")
    )[:5]


def _languages_of(paths: list[str]) -> list[str]:
    return sorted(
        {
            _LANGUAGE_OF_SUFFIX[suffix]
            for path in paths
            if (suffix := "." + path.rpartition(".")[2]) in _LANGUAGE_OF_SUFFIX
        }
    )


def _describe_files(paths: list[str], languages: list[str]) -> str:
    """``Python (1 file)`` when the files are one language's sources, else the count."""
    sources = [p for p in paths if "." + p.rpartition(".")[2] in _LANGUAGE_OF_SUFFIX]
    if len(languages) == 1 and len(sources) == len(paths):
        return f"{languages[0]} ({plural(len(paths), 'file')})"
    return plural(len(paths), "file")
