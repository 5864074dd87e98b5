"""The help of bandit's rules for a finding's page, from the bandit we run: each test plugin's
own documentation (its docstring, the text bandit's documentation site is built from) up to
its configuration and examples, and a blacklisted call's or import's message. Read once per
rule; nothing is fetched."""

from __future__ import annotations

import functools
import inspect
import re
import sys
import warnings

# Where a plugin's prose ends: its configuration, examples and Sphinx cross-references.
_PROSE_ENDS = re.compile(
    r"^\s*(?:\*\*Config Options|:Example:|\.\. |See also|:param|\*\*Example)", re.IGNORECASE
)
# A Sphinx role (:doc:`x`, :ref:`y`) reads as its text.
_ROLE = re.compile(r":[a-z]+:`([^`<]*?)\s*(?:<[^>]*>)?`")
# The plugin's title: "**B602: Test for …**" in a docstring, "B101: Test for …" between rules
# of "=" in a module's.
_TITLE = re.compile(r"^(?:\*\*)?(B\d{3}):\s*(.+?)(?:\*\*)?$")
_RULE_LINE = re.compile(r"^[=\-~^]{3,}$")


@functools.cache
def bandit_help(rule_id: str) -> str | None:
    """Markdown for bandit's rule ``rule_id`` (``B602``), or None when this bandit has no such
    rule or says nothing of it."""
    try:
        # Loading bandit's plugins warns of an argument stevedore no longer uses.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from bandit.core import extension_loader
    except ImportError:  # bandit is a dependency; a broken install shows the link only
        return None
    manager = extension_loader.MANAGER
    plugin = manager.plugins_by_id.get(rule_id)
    if plugin is not None:
        # Most plugins document themselves in their function, some in their module.
        module = sys.modules.get(getattr(plugin.plugin, "__module__", ""))
        doc = inspect.getdoc(plugin.plugin) or (module.__doc__ if module else None) or ""
        return plugin_help(doc)
    listed = getattr(manager, "blacklist_by_id", {}).get(rule_id)
    if isinstance(listed, dict) and isinstance(listed.get("message"), str):
        names = [str(n) for n in listed.get("qualnames") or ()][:4]
        shown = ", ".join(f"`{n}`" for n in names) or f"`{listed.get('name', rule_id)}`"
        return listed["message"].replace("{name}", shown).strip() or None
    return None


def plugin_help(doc: str) -> str | None:
    """A plugin docstring's prose: its title as a sentence, then its paragraphs and lists until
    its configuration or examples begin."""
    lines = inspect.cleandoc(doc).splitlines()
    kept: list[str] = []
    for line in lines:
        if _PROSE_ENDS.match(line):
            break
        if _RULE_LINE.match(line.strip()):
            continue
        title = _TITLE.match(line.strip())
        if title and not any(kept):
            kept.append(f"{title.group(2).strip().rstrip('.')}.")
            continue
        kept.append(_ROLE.sub(r"\1", line))
    text = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", text) or None
