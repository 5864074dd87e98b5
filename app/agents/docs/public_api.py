"""The public API of a whole tree, every supported language."""

from __future__ import annotations

import posixpath

from .declarations import go_api, go_module_path, js_api
from .source import SourceTree
from .symbols import ModuleApi, is_api_path, python_api


def extract_api(tree: SourceTree) -> list[ModuleApi]:
    """Every API module of the tree with at least one public symbol or a module docstring."""
    go_module = go_module_path(tree.text("go.mod") or "")
    modules: list[ModuleApi] = []
    for relpath in tree.sources():
        if not is_api_path(relpath):
            continue
        text = tree.texts[relpath]
        suffix = posixpath.splitext(relpath)[1]
        try:
            if suffix == ".py":
                api = python_api(relpath, text)
            elif suffix == ".go":
                api = go_api(relpath, text, go_module)
            else:
                api = js_api(relpath, text)
        except RecursionError:
            continue  # absurdly nested code: documented by nobody, skipped here
        if api is not None and (api.symbols or api.summary):
            modules.append(api)
    return modules
