"""``python -m app.agents.analyzer.bandit_main``: bandit's own CLI, without its wasted work.

Bandit looks up ``# nosec`` comments for every line of every AST node it visits, once per test;
on real code that is about half of its run time (PyCQA/bandit#490, and the fix proposed in
PyCQA/bandit#577). Its table of a file's comments holds every comment line, ``None`` for those
that are not ``# nosec``, so nearly every file has a non-empty table. Here each file's table is
reduced once to its real ``# nosec`` lines, and a file without any skips the lookup. And bandit
tokenizes every file only to find those comments: a file whose text never says ``nosec`` is not
tokenized here.

Bandit's visitor also prepares a context (line range included) for every AST node and asks
for the tests of its type, though most node types (``Name``, ``Load``, ``Attribute``…, and
constants other than strings and bytes) have no visitor and no test: nothing reads that context
before the next node replaces it. Here the walk only links such a node to its parent and
siblings, as bandit does, and goes on to its children. For a file without ``# nosec``, each
test runs without the skip lookups around it. And the garbage collector is paced for bandit,
which leaves every file's tree behind as cycles (each node points back at its parent).

The result is the same, the output byte for byte bandit's (tests/analyzer/test_bandit_speedup.py
compares the two on real code).
"""

from __future__ import annotations

import ast
import gc
import itertools
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


# Typed Any so that isinstance() does not narrow a node to ``ast.AST``, which has no
# ``_bandit_parent``.
_AST: Any = ast.AST
# The node types the parser makes one instance of (``Load``, ``Add``…), shared by every tree.
_SHARED_LEAVES: tuple[type, ...] = (
    ast.expr_context,
    ast.boolop,
    ast.operator,
    ast.unaryop,
    ast.cmpop,
)
# What the walk does with a node of a type: walk on, let bandit visit it, remember it (a shared
# leaf), or nothing (a node without fields: ``Pass``…).
_WALK, _VISIT, _SHARED, _LEAF = 0, 1, 2, 3


def _install_lean_walk() -> bool:
    """Whether the walk is installed (``False``: a bandit that walks differently)."""
    from bandit.core import node_visitor

    visitor_class = node_visitor.BanditNodeVisitor
    needed = ("pre_visit", "visit", "post_visit", "generic_visit", "process")
    if not all(hasattr(visitor_class, name) for name in needed):
        return False
    original_walk = visitor_class.generic_visit
    original_process = visitor_class.process
    # The test set is the run's, shared by every file: so is the table of node types.
    tables: dict[int, dict[type, int]] = {}
    shared: dict[type, Any] = {}

    def generic_visit(self: Any, node: Any) -> None:
        if self.debug:
            original_walk(self, node)
            return
        table = tables.get(id(self.testset))
        if table is None:
            table = tables[id(self.testset)] = {}
        walk(self, node, table)

    def walk(self: Any, node: Any, table: dict[type, int]) -> None:
        for field_name in node._fields:
            value = getattr(node, field_name, None)
            if isinstance(value, list):
                children = value
            elif isinstance(value, _AST):
                children = [value]
            else:
                continue
            last = len(children) - 1
            for index, child in enumerate(children):
                if not isinstance(child, _AST):
                    continue
                child._bandit_sibling = children[index + 1] if index < last else None
                child._bandit_parent = node
                cls = child.__class__
                what = table.get(cls)
                if what is None:
                    what = table[cls] = classify(self, cls)
                if what == _WALK:
                    # bandit's pre_visit would build a context (line range included) that
                    # nothing reads before the next node with work replaces it; the depth it
                    # counts is only logged.
                    walk(self, child, table)
                elif what == _VISIT:
                    # visit_Constant looks only at strings and bytes (and a constant has no
                    # child nodes).
                    if cls is ast.Constant and not isinstance(child.value, (str, bytes)):
                        continue
                    if self.pre_visit(child):
                        self.visit(child)
                        walk(self, child, table)
                        self.post_visit(child)
                elif what == _SHARED:
                    shared[cls] = child

    def classify(self: Any, cls: type) -> int:
        name = cls.__name__
        if hasattr(self, "visit_" + name) or self.testset.get_tests(name):
            return _VISIT
        if issubclass(cls, _SHARED_LEAVES):
            return _SHARED
        return _WALK if getattr(cls, "_fields", ()) else _LEAF

    def process(self: Any, data: bytes) -> Any:
        try:
            return original_process(self, data)
        finally:
            # A shared leaf's parent, set by this file's walk, would keep the whole tree
            # alive until the next file's walk sets it again.
            for leaf in shared.values():
                leaf._bandit_parent = leaf._bandit_sibling = None
            _collect_tree()

    visitor_class.generic_visit = generic_visit
    visitor_class.process = process
    return True


_files_walked = itertools.count(1)


def _collect_tree() -> None:
    """Free the file just walked. Its tree is cyclic garbage (each node points back at its
    parent), all of it in the young generation while automatic collection is off; every 100th
    file a full collection frees whatever else became garbage."""
    gc.collect(0 if next(_files_walked) % 100 else 2)


def _pace_collector() -> None:
    """At its own pace the collector walks each tree several times while it is being built,
    and the whole heap again and again: over a quarter of bandit's CPU time on
    bench/analyze.py's files. So it runs once per file (:func:`_collect_tree`), and what is
    loaded by now (bandit and its plugins, which live to the end) leaves the collections."""
    gc.collect()
    gc.freeze()
    gc.disable()


_NO_CONFIG = object()


def _may_hold(file_data: Any, characters: tuple[str, ...]) -> bool:
    """Whether the file's text, decoded as B613 decodes it, holds one of ``characters`` (or
    cannot be decoded: the test itself then meets the error). The file is left read to its end,
    as the test leaves it."""
    try:
        file_data.seek(0)
        encoding, _ = tokenize.detect_encoding(file_data.readline)
        file_data.seek(0)
        text = file_data.read().decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return True
    return any(character in text for character in characters)


def _install_lean_tester() -> None:
    from bandit.core import constants, tester
    from bandit.core.context import Context

    tester_class = tester.BanditTester
    original_run_tests = tester_class.run_tests
    ranking = constants.RANKING
    values = constants.RANKING_VALUES
    # B613 looks for each bidirectional control character on each line of the file, in Python:
    # the costliest test on real code. A file whose text holds none of them is not given it.
    try:
        from bandit.plugins import trojansource
    except ImportError:
        trojansource = None
    bidi_test = getattr(trojansource, "trojansource", None)
    bidi_characters: tuple[str, ...] = tuple(getattr(trojansource, "BIDI_CHARACTERS", ()))
    if not bidi_characters:
        bidi_test = None

    def run_tests(self: Any, raw_context: dict[str, Any], checktype: str) -> dict[str, Any]:
        real_nosec = self.__dict__.get("_vibe_nosec")
        if real_nosec is None:
            nosec_lines = self.nosec_lines
            real_nosec = self.__dict__["_vibe_nosec"] = any(
                tests is not None for tests in nosec_lines.values()
            )
        if real_nosec or self.debug:
            return original_run_tests(self, raw_context, checktype)  # type: ignore[no-any-return]
        # bandit's loop for a file without a # nosec comment: no skip is looked up, and each
        # test still gets its own copy of the context.
        scores = {"SEVERITY": [0] * len(ranking), "CONFIDENCE": [0] * len(ranking)}
        for test in self.testset.get_tests(checktype):
            name = test.__name__
            temp_context = dict(raw_context)
            context = Context(temp_context)
            try:
                if test is bidi_test and not _may_hold(raw_context["file_data"], bidi_characters):
                    continue
                config = getattr(test, "_config", _NO_CONFIG)
                result = test(context) if config is _NO_CONFIG else test(context, config)
                if result is None:
                    continue
                filename = temp_context["filename"]
                result.fname = filename.decode("utf-8") if isinstance(filename, bytes) else filename
                result.fdata = temp_context["file_data"]
                if result.lineno is None:
                    result.lineno = temp_context["lineno"]
                if result.linerange == []:
                    result.linerange = temp_context["linerange"]
                if result.col_offset == -1:
                    result.col_offset = temp_context["col_offset"]
                result.end_col_offset = temp_context.get("end_col_offset", 0)
                result.test = name
                if result.test_id == "":
                    result.test_id = test._test_id
                self.results.append(result)
                scores["SEVERITY"][ranking.index(result.severity)] += values[result.severity]
                scores["CONFIDENCE"][ranking.index(result.confidence)] += values[result.confidence]
            except Exception as exc:  # bandit's own handling: logged, the scan goes on
                self.report_error(name, context, exc)
        return scores

    tester_class.run_tests = run_tests


def main() -> None:
    _install_speedup()
    _install_comment_scan()
    walk_installed = _install_lean_walk()
    _install_lean_tester()
    from bandit.cli.main import main as bandit_main

    if walk_installed:  # it collects each file's garbage
        _pace_collector()
    bandit_main()


if __name__ == "__main__":
    main()
