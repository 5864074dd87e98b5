from __future__ import annotations

from app.reporting.diffmap import ChangedFile, ChangedFiles
from app.reporting.monorepo import (
    UNASSIGNED,
    ProjectSpec,
    assign_findings,
    split_by_project,
    touched_projects,
    untouched_conclusion,
    untouched_output,
)
from tests.reporting.findings import finding

PROJECTS = [
    ProjectSpec(name="api", paths=["services/api/", "libs/shared/", "!services/api/docs/"]),
    ProjectSpec(name="web", paths=["apps/web/**", "libs/shared/"]),
    ProjectSpec(name="infra", paths=["deploy/*.tf"]),
]


def test_a_pull_request_touches_the_projects_whose_paths_changed() -> None:
    assert touched_projects(PROJECTS, ["services/api/app.py", "README.md"]) == ["api"]
    assert touched_projects(PROJECTS, ["libs/shared/util.py"]) == ["api", "web"]
    assert touched_projects(PROJECTS, ["services/api/docs/index.md"]) == []
    assert touched_projects(PROJECTS, ["deploy/main.tf", "deploy/modules/x.tf"]) == ["infra"]


def test_moving_a_file_out_of_a_project_touches_it() -> None:
    changed = ChangedFiles.of(
        [ChangedFile(path="tools/app.py", status="renamed", previous_path="apps/web/app.py")]
    )
    assert touched_projects(PROJECTS, changed.all_paths()) == ["web"]


def test_findings_go_to_every_project_that_owns_their_path() -> None:
    api_only = finding(path="services/api/db.py")
    shared = finding(path="libs/shared/crypto.py")
    stray = finding(path="scripts/run.sh")
    assigned = assign_findings([api_only, shared, stray], PROJECTS)
    assert assigned["api"] == [api_only, shared]
    assert assigned["web"] == [shared]
    assert assigned["infra"] == []
    assert assigned[UNASSIGNED] == [stray]


def test_untouched_projects_are_kept_with_a_neutral_not_affected_verdict() -> None:
    split = split_by_project(PROJECTS, ["apps/web/index.ts"], [finding(path="services/api/db.py")])
    assert [(p.name, p.touched, len(p.findings)) for p in split] == [
        ("api", False, 1),
        ("web", True, 0),
        ("infra", False, 0),
    ]
    assert untouched_conclusion() == "neutral"
    output = untouched_output("api")
    assert output.title == "Not affected"
    assert (
        output.summary == "`api` is not affected by this pull request: none of its paths changed.\n"
    )
