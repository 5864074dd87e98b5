"""The README sections the agent owns and the deterministic (offline) writer of each: plain
Markdown built only from :class:`~app.agents.docs.facts.ProjectFacts`."""

from __future__ import annotations

from collections.abc import Callable

from app.reporting.markdown import plural

from .facts import ProjectFacts
from .symbols import ModuleApi

# Section name (as in the block markers) → heading, in the order the blocks are added.
SECTIONS: dict[str, str] = {
    "overview": "Overview",
    "installation": "Installation",
    "usage": "Usage",
    "configuration": "Configuration",
    "tech-stack": "Tech stack",
    "layout": "Project layout",
    "testing": "Running the tests",
}


def offline_sections(facts: ProjectFacts, api: list[ModuleApi]) -> dict[str, str | None]:
    """Each section's body (without its heading), or ``None`` when there is nothing true to say."""
    writers: dict[str, Callable[[], str | None]] = {
        "overview": lambda: _overview(facts),
        "installation": lambda: _installation(facts),
        "usage": lambda: _usage(facts, api),
        "configuration": lambda: _configuration(facts),
        "tech-stack": lambda: _tech_stack(facts),
        "layout": lambda: _layout(facts),
        "testing": lambda: _testing(facts),
    }
    return {name: writers[name]() for name in SECTIONS}


def with_heading(name: str, body: str, level: int = 2) -> str:
    return f"{'#' * level} {SECTIONS[name]}\n\n{body.strip()}\n"


def code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    if "`" not in text:
        return f"`{text}`"
    return f"`` {text} ``"


def _fence(lines: list[str]) -> str:
    return "```sh\n" + "\n".join(lines) + "\n```"


def _overview(facts: ProjectFacts) -> str:
    sentences: list[str] = []
    if facts.description:
        sentences.append(facts.description.rstrip(".") + ".")
    if facts.languages:
        # Files, not lines: the docstrings this run adds would change a line count, and the
        # README with it on the next run.
        main, files, _ = facts.languages[0]
        sentences.append(
            f"{code(facts.name)} is written mainly in {main} ({plural(files, 'file')})."
        )
    web = [name for name, category, _ in facts.frameworks if category in {"web", "frontend"}]
    if web:
        sentences.append(f"It is built on {_join(web)}.")
    infrastructure = [name for name, _ in facts.infrastructure]
    if infrastructure:
        sentences.append(f"The repository also holds {_join(infrastructure)} configuration.")
    if facts.license:
        sentences.append(f"It is licensed under {facts.license}.")
    return " ".join(sentences) or f"{code(facts.name)}."


def _installation(facts: ProjectFacts) -> str | None:
    """From the registry the project is published to under its name; from a checkout when it is
    published nowhere. A contributor's set-up (``uv sync``) is shown with the tests instead."""
    install = facts.install
    if not install.published and not install.from_checkout:
        return None
    parts: list[str] = []
    if facts.runtimes:
        needs = [f"{name} {version}" for name, version in facts.runtimes]
        parts.append(f"Requires {_join(needs)}.")
    if install.published:
        for registry, command in install.published:
            parts.append(f"From {registry}:")
            parts.append(_fence([command]))
    else:
        parts.append("From the root of the repository:")
        parts.append(_fence(install.from_checkout))
    return "\n\n".join(parts)


def _usage(facts: ProjectFacts, api: list[ModuleApi]) -> str | None:
    if facts.run_commands:
        items = [f"- {code(command)}: {note}" for command, note in facts.run_commands]
        return "\n".join(items)
    python = [module for module in api if module.language == "Python" and module.symbols]
    if python:
        top = min(python, key=lambda module: (module.module.count("."), module.module))
        first = top.symbols[0].name.split(".")[0]
        return (
            f"Import it from Python, e.g. {code(f'from {top.module} import {first}')}; "
            f"the public API is listed in {code('docs/api.md')}."
        )
    if api:
        return f"The public API is listed in {code('docs/api.md')}."
    return None


def _configuration(facts: ProjectFacts) -> str | None:
    if not facts.env_vars:
        return None
    rows = ["| Variable | Default | Read in |", "| --- | --- | --- |"]
    for variable in facts.env_vars:
        default = code(f'"{variable.default}"') if variable.default else "—"
        # The file, not the line: line numbers would churn the README on every edit.
        where = code(variable.path)
        rows.append(f"| {code(variable.name)} | {default} | {where} |")
    return "The program reads these environment variables:\n\n" + "\n".join(rows)


def _tech_stack(facts: ProjectFacts) -> str | None:
    items: list[str] = []
    runtimes = dict(facts.runtimes)
    for language, files, _ in facts.languages[:6]:
        suffix = f" ({runtimes[language]})" if language in runtimes else ""
        if language in {"JavaScript", "TypeScript"} and "Node.js" in runtimes:
            suffix = f" (Node.js {runtimes['Node.js']})"
        items.append(f"- {language}{suffix}: {plural(files, 'file')}")
    for name, category, version in facts.frameworks:
        suffix = f" {code(version)}" if version else ""
        items.append(f"- {name}{suffix} ({category})")
    shown = {name.lower() for name, _, _ in facts.frameworks}
    dependencies = [d for d in facts.dependencies if d.name.lower() not in shown]
    if dependencies:
        listed = ", ".join(
            f"{code(d.name)} {code(d.version)}" if d.version else code(d.name)
            for d in dependencies[:25]
        )
        more = len(dependencies) - 25
        items.append(f"- Dependencies: {listed}" + (f" and {more} more" if more > 0 else ""))
    for name, paths in facts.infrastructure:
        where = f" ({', '.join(code(p) for p in paths[:3])})" if paths else ""
        items.append(f"- {name}{where}")
    return "\n".join(items) or None


def _layout(facts: ProjectFacts) -> str | None:
    if not facts.layout:
        return None
    return "\n".join(f"- {code(path)}: {described}" for path, described in facts.layout)


def _testing(facts: ProjectFacts) -> str | None:
    if not facts.test_commands:
        return None
    lines = [*facts.install.setup, *facts.test_commands[:1]]
    text = _fence(lines)
    others = facts.test_commands[1:]
    if others:
        text += "\n\nAlso available: " + ", ".join(code(c) for c in others) + "."
    return text


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
