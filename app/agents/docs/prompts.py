"""Prompts for the model, built from the facts and as much selected code as the token budget
allows, and the parsers that accept only the JSON shape asked for."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from .docstrings import DocstringTarget
from .facts import ProjectFacts
from .model import Messages, UnusableAnswer
from .sections import SECTIONS
from .symbols import ModuleApi

_RULES = (
    "Rules: use only the facts given; never invent packages, commands, files, URLs or "
    "environment variables; put every package, command, file path and environment variable "
    "in backticks; no marketing words; plain, short sentences."
)

README_SYSTEM = (
    "You write sections of a software project's README.md from facts extracted from its "
    "repository. " + _RULES + " Answer with one JSON object only: its keys are the section "
    "names asked for, each value the section's Markdown body without its heading."
)

DOCSTRING_SYSTEM = (
    "You write one-line Python docstrings (imperative mood, at most 20 words, no quotes) for "
    "functions shown with their code. " + _RULES + " Answer with one JSON object only, "
    "mapping each function's name as given to its docstring."
)

TokenCounter = Callable[[str], int]


def readme_messages(
    facts: ProjectFacts,
    drafts: dict[str, str],
    human_text: str,
    api: list[ModuleApi],
    excerpts: list[tuple[str, str]],
    count: TokenCounter,
    max_tokens: int,
) -> Messages:
    """Facts and plain drafts always; then the README's own text, module summaries and code
    excerpts (entry points first) while they fit in ``max_tokens``."""
    head = (
        f"Sections to write: {', '.join(drafts)} (headings: "
        + ", ".join(f"{name} = {SECTIONS[name]!r}" for name in drafts)
        + ").\n\nFacts:\n```json\n"
        + json.dumps(facts.as_prompt_data(), indent=1, ensure_ascii=False)
        + "\n```\n\nPlain drafts that are correct; improve their prose, keep every fact:\n"
        + json.dumps(drafts, indent=1, ensure_ascii=False)
    )
    extras: list[str] = []
    if human_text.strip():
        extras.append(
            "The README's existing text, which these sections join (do not repeat it):\n"
            + human_text.strip()
        )
    summaries = [f"- {m.module}: {m.summary}" for m in api if m.summary]
    if summaries:
        extras.append("Module summaries from the code:\n" + "\n".join(summaries))
    extras.extend(f"Code of `{path}` (start):\n```\n{code}\n```" for path, code in excerpts)
    framing = 20  # the chat format's tokens around each message
    body = _within_budget(head, extras, count, max_tokens - count(README_SYSTEM) - framing)
    return [{"role": "system", "content": README_SYSTEM}, {"role": "user", "content": body}]


def docstring_messages(
    targets: list[DocstringTarget], count: TokenCounter, max_tokens: int
) -> tuple[Messages, list[DocstringTarget]]:
    """A prompt with as many functions' code as fit; returns it and the functions it holds."""
    budget = max_tokens - count(DOCSTRING_SYSTEM) - 50
    parts: list[str] = []
    included: list[DocstringTarget] = []
    used = 0
    for target in targets:
        part = f"### {target.qualname} ({target.path})\n```python\n{target.source.rstrip()}\n```"
        cost = count(part)
        if used + cost > budget:
            continue
        parts.append(part)
        included.append(target)
        used += cost
    body = "Write docstrings for these functions:\n\n" + "\n\n".join(parts)
    return [
        {"role": "system", "content": DOCSTRING_SYSTEM},
        {"role": "user", "content": body},
    ], included


def _within_budget(head: str, extras: list[str], count: TokenCounter, max_tokens: int) -> str:
    text = head
    used = count(text)
    for extra in extras:
        cost = count(extra)
        if used + cost <= max_tokens:
            text += "\n\n" + extra
            used += cost
            continue
        # Cut the extra by lines until it fits; what does not fit is left out.
        kept: list[str] = []
        for line in extra.split("\n"):
            line_cost = count(line) + 1
            if used + line_cost > max_tokens:
                break
            kept.append(line)
            used += line_cost
        if len(kept) > 1:
            text += "\n\n" + "\n".join(kept)
        break
    return text


def parse_json_object(content: str) -> dict[str, str]:
    """The answer's JSON object of strings (code fences and chatter around it are allowed)."""
    text = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", content.strip())
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end <= start:
        raise UnusableAnswer("the answer holds no JSON object")
    try:
        loaded = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise UnusableAnswer(f"the answer's JSON does not parse: {exc.msg}") from None
    if not isinstance(loaded, dict):
        raise UnusableAnswer("the answer's JSON is not an object")
    answer = {str(k): v for k, v in loaded.items() if isinstance(v, str) and v.strip()}
    if not answer:
        raise UnusableAnswer("the answer's JSON object has no text values")
    return answer
