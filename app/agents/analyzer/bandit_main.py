"""``python -m app.agents.analyzer.bandit_main``: bandit's own CLI, with one speed-up.

Bandit looks up ``# nosec`` comments for every line of every AST node it visits, once per test;
on real code that is about half of its run time (PyCQA/bandit#490, and the fix proposed in
PyCQA/bandit#577). Its table of a file's comments holds every comment line, ``None`` for those
that are not ``# nosec``, so nearly every file has a non-empty table. Here each file's table is
reduced once to its real ``# nosec`` lines, and a file without any skips the lookup. And bandit
tokenizes every file only to find those comments: a file whose text never says ``nosec`` is not
tokenized here. The result is the same, the output byte for byte bandit's.
"""

from __future__ import annotations

import tokenize
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any


def _install_speedup() -> None:
    from bandit.core import utils

    original = getattr(utils, "get_nosec", None)
    if original is None:  # a bandit that no longer has it: run it as it is
        return

    # The table of the file being visited (bandit builds one per file and never changes it)
    # and its real # nosec lines. Holding the table keeps its id from being reused.
    current: list[Any] = [None, {}]

    def get_nosec(nosec_lines: dict[int, Any], context: dict[str, Any]) -> Any:
        if current[0] is not nosec_lines:
            real = {line: tests for line, tests in nosec_lines.items() if tests is not None}
            current[:] = [nosec_lines, real]
        if not current[1]:
            return None
        return original(current[1], context)

    utils.get_nosec = get_nosec


def _tokens_if_nosec(readline: Callable[[], bytes]) -> Iterator[tokenize.TokenInfo]:
    lines = list(iter(readline, b""))
    if not any(b"nosec" in line for line in lines):  # bandit's pattern is case-sensitive
        return iter(())
    return tokenize.tokenize(iter(lines).__next__)


def _install_comment_scan() -> None:
    from bandit.core import manager

    if getattr(manager, "tokenize", None) is not tokenize:  # bandit changed: leave it alone
        return
    manager.tokenize = SimpleNamespace(
        tokenize=_tokens_if_nosec, COMMENT=tokenize.COMMENT, TokenError=tokenize.TokenError
    )


def main() -> None:
    _install_speedup()
    _install_comment_scan()
    from bandit.cli.main import main as bandit_main

    bandit_main()


if __name__ == "__main__":
    main()
