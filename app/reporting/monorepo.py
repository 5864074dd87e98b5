"""Projects of a monorepo: which ones a pull request touches and which findings are whose.

A project is a name and gitignore-style path patterns (``services/api/``, ``libs/*.py``,
``!services/api/docs/``). A path may belong to several projects (a shared library listed by
two services); its findings then count for each of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import pathspec
from pydantic import BaseModel, Field

from app.models.finding import Finding
from app.reporting.markdown import code_span
from app.reporting.summary import CheckOutput, Conclusion

UNASSIGNED = "(no project)"


class ProjectSpec(BaseModel):
    """A project as the pipeline hands it over (adapted from the repository configuration)."""

    name: str
    paths: list[str] = Field(description="gitignore-style patterns, relative to the root.")

    def matches(self, path: str) -> bool:
        return _spec(tuple(self.paths)).match_file(path)


class ProjectFindings(BaseModel):
    """A project's share of a pull request: whether it is touched and its findings."""

    name: str
    touched: bool
    findings: list[Finding] = Field(default_factory=list)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def projects_for_path(path: str, projects: Sequence[ProjectSpec]) -> list[str]:
    return [project.name for project in projects if project.matches(path)]


def touched_projects(projects: Sequence[ProjectSpec], changed_paths: Iterable[str]) -> list[str]:
    """Names of the projects with at least one changed path, in the order they were given.

    Pass renamed files' old paths too (``ChangedFiles.all_paths()``): moving a file out of a
    project changes that project.
    """
    specs = [(project.name, _spec(tuple(project.paths))) for project in projects]
    touched: set[str] = set()
    for path in changed_paths:
        touched.update(
            name for name, spec in specs if name not in touched and spec.match_file(path)
        )
    return [project.name for project in projects if project.name in touched]


def assign_findings(
    findings: Iterable[Finding], projects: Sequence[ProjectSpec]
) -> dict[str, list[Finding]]:
    """Findings by project name (every project present, maybe empty); findings outside every
    project under :data:`UNASSIGNED`, present only when there are some."""
    specs = [(project.name, _spec(tuple(project.paths))) for project in projects]
    assigned: dict[str, list[Finding]] = {project.name: [] for project in projects}
    for finding in findings:
        owners = [name for name, spec in specs if spec.match_file(finding.path)]
        for name in owners or [UNASSIGNED]:
            assigned.setdefault(name, []).append(finding)
    return assigned


def split_by_project(
    projects: Sequence[ProjectSpec], changed_paths: Iterable[str], findings: Iterable[Finding]
) -> list[ProjectFindings]:
    """Per project, in the given order: touched or not, and its findings."""
    touched = set(touched_projects(projects, changed_paths))
    assigned = assign_findings(findings, projects)
    return [
        ProjectFindings(
            name=project.name,
            touched=project.name in touched,
            findings=assigned.get(project.name, []),
        )
        for project in projects
    ]


def untouched_conclusion() -> Conclusion:
    """A project the pull request does not touch neither passes nor fails it."""
    return "neutral"


def untouched_output(name: str) -> CheckOutput:
    """The check output of a project the pull request does not touch."""
    return CheckOutput(
        title="Not affected",
        summary=(
            f"{code_span(name)} is not affected by this pull request: none of its paths changed.\n"
        ),
    )
