"""``docs/api.md``: every public module with its classes, functions and types, their signatures
and the first line of their documentation, as the code says them."""

from __future__ import annotations

from app.reporting.markdown import plural

from .sections import code
from .symbols import ModuleApi

MAX_SYMBOLS = 3000


def render_api(modules: list[ModuleApi]) -> str:
    """The body of the ``api`` block, modules grouped by language, in path order."""
    if not modules:
        return "No public modules were found."
    parts: list[str] = []
    shown = 0
    for language in sorted({module.language for module in modules}):
        parts.append(f"## {language}")
        for module in (m for m in modules if m.language == language):
            if shown >= MAX_SYMBOLS:
                break
            parts.append(_module(module))
            shown += len(module.symbols)
    total = sum(len(module.symbols) for module in modules)
    if shown < total:
        more = total - shown
        parts.append(f"{plural(more, 'more symbol')} {'is' if more == 1 else 'are'} not listed.")
    return "\n\n".join(parts)


def _module(module: ModuleApi) -> str:
    heading = f"### {code(module.module)}"
    lines = [heading, ""]
    if module.module != module.path:
        lines.append(f"Source: {code(module.path)}")
        lines.append("")
    if module.summary:
        lines.append(module.summary)
        lines.append("")
    for symbol in module.symbols:
        summary = f" — {symbol.summary}" if symbol.summary else ""
        indent = "  " if symbol.kind == "method" else ""
        lines.append(f"{indent}- {code(symbol.signature)}{summary}")
    return "\n".join(lines).rstrip()
