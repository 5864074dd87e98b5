"""Repository YAML that semgrep is not given: semgrep expands aliases as it parses (semgrep
1.187 held 300 MB and 16 s for a workflow file of six levels of nine aliases, nine times more
per level), and its parser spends its rule timeouts on absurd nesting. Every YAML target is
first read under :data:`app.repo_yaml.SCANNED_YAML`; a refused file gets a notice naming its
line in place of semgrep's results, and the rest of the analysis goes on."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app import repo_yaml
from app.agents.analyzer.records import BlobResult, RawNotice

YAML_SUFFIXES = (".yml", ".yaml")


def refused_yaml_targets(
    paths: Iterable[str], read: Callable[[str], bytes]
) -> dict[str, BlobResult]:
    """The YAML files among ``paths`` that semgrep must not read, each with its notice."""
    refused: dict[str, BlobResult] = {}
    for path in paths:
        if not path.lower().endswith(YAML_SUFFIXES):
            continue
        try:
            repo_yaml.check(read(path), path, repo_yaml.SCANNED_YAML)
        except repo_yaml.RepoYamlError as exc:
            where = f"line {exc.line}: " if exc.line else ""
            notice = RawNotice(
                tool="semgrep",
                kind="parse-error",
                message=f"{where}{exc.problem}; semgrep did not read this file",
            )
            refused[path] = BlobResult(notices=[notice])
    return refused
