"""``python -m app.agents.analyzer.bandit_main``: bandit's own CLI, without its wasted work.

Bandit looks up ``# nosec`` comments for every line of every AST node it visits, once per test;
on real code that is about half of its run time (PyCQA/bandit#490, and the fix proposed in
PyCQA/bandit#577). Its table of a file's comments holds every comment line, ``None`` for those
that are not ``# nosec``, so nearly every file has a non-empty table. Here each file's table is
reduced once to its real ``# nosec`` lines, and a file without any skips the lookup. And bandit
tokenizes every file only to find those comments: a file whose text never says ``nosec`` is not
tokenized here.

Bandit's visitor also prepares a context (line range included) for every AST node and asks
for the tests of its type, though most node types (``Name``, ``Load``, ``Attribute``…) have no
visitor and no test: nothing reads that context before the next node replaces it. Here a node
of such a type gets only what the walk itself needs. The result is the same, the output byte
for byte bandit's (tests/analyzer/test_bandit_speedup.py compares the two on real code).
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


def _install_lean_visitor() -> None:
    from bandit.core import node_visitor

    visitor_class = node_visitor.BanditNodeVisitor
    needed = ("pre_visit", "visit", "post_visit", "update_scores")
    if not all(hasattr(visitor_class, name) for name in needed):
        return  # a bandit that walks differently: run it as it is
    original_pre_visit = visitor_class.pre_visit
    original_visit = visitor_class.visit
    original_post_visit = visitor_class.post_visit

    def has_work(self: Any, node: Any) -> bool:
        """Whether bandit has a visitor or tests for the node's type (once per type and file)."""
        known: dict[type, bool] | None = self.__dict__.get("_vibe_work")
        if known is None:
            known = self.__dict__["_vibe_work"] = {}
        cls = node.__class__
        work = known.get(cls)
        if work is None:
            name = cls.__name__
            work = known[cls] = hasattr(self, "visit_" + name) or bool(self.testset.get_tests(name))
        return work

    def pre_visit(self: Any, node: Any) -> bool:
        if self.debug or has_work(self, node):
            return bool(original_pre_visit(self, node))
        # What bandit's own pre_visit leaves for a node nobody tests, less the line range
        # and the debug lines (nothing reads them before the next node's pre_visit).
        context: dict[str, Any] = {"imports": self.imports, "import_aliases": self.import_aliases}
        for attribute in ("lineno", "col_offset", "end_col_offset"):
            if hasattr(node, attribute):
                context[attribute] = getattr(node, attribute)
        context["node"] = node
        context["filename"] = self.fname
        context["file_data"] = self.fdata
        self.context = context
        self.depth += 1
        return True

    def visit(self: Any, node: Any) -> None:
        name = node.__class__.__name__
        visitor = getattr(self, "visit_" + name, None)
        if visitor is not None or self.debug:
            return original_visit(self, node)  # type: ignore[no-any-return]
        if has_work(self, node):
            self.update_scores(self.tester.run_tests(self.context, name))
        return None

    def post_visit(self: Any, node: Any) -> None:
        if self.debug or has_work(self, node):
            original_post_visit(self, node)
            return
        self.depth -= 1

    visitor_class.pre_visit = pre_visit
    visitor_class.visit = visit
    visitor_class.post_visit = post_visit


def main() -> None:
    _install_speedup()
    _install_comment_scan()
    _install_lean_visitor()
    from bandit.cli.main import main as bandit_main

    bandit_main()


if __name__ == "__main__":
    main()
