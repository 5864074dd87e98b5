"""Manifests parsed where the walk reads them, once per content: the report must be the one a
scan that parses every file in this process, one by one, would give."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from app.agents.scanner import scan as scan_module
from app.agents.scanner.manifests import ManifestMemo
from app.agents.scanner.manifests.parsed import ParsedFile
from app.agents.scanner.scan import scan, wants_content
from app.agents.scanner.walk_pool import PoolTuning
from app.models.scan import Dependency, ScanReport
from tests.scanner.licence_texts import MIT
from tests.scanner.projects import PROJECTS, dependency, parse_files

SMALL_POOL = PoolTuning(parallel_after=20, task_files=15, task_dirs=2)


def copies_of_the_projects(root: Path, copies: int = 3) -> None:
    """The sample projects of every ecosystem, several times over, each with a LICENSE."""
    for copy in range(copies):
        shutil.copytree(PROJECTS, root / f"copy-{copy}", ignore=shutil.ignore_patterns("*.py"))
        (root / f"copy-{copy}" / "LICENSE").write_text(MIT)


def made_distinct(root: Path) -> None:
    """Copy N's files end in N more newlines: the same manifests and licences to every parser,
    but no two copies with the same bytes, so nothing is answered from the memo."""
    for copy in sorted(root.glob("copy-*")):
        extra = b"\n" * int(copy.name.split("-")[1])
        for path in copy.rglob("*"):
            if path.is_file():
                path.write_bytes(path.read_bytes() + extra)


def findings_of(report: ScanReport) -> dict[str, object]:
    """What parsing manifests and licences gave, without the counts of lines and bytes."""
    return report.model_dump(include={"manifests", "dependencies", "licenses", "warnings"})


def comparable(report: ScanReport) -> dict[str, object]:
    found = report.model_dump()
    found.pop("duration_seconds")
    return found


def test_a_pool_walk_parses_manifests_as_a_single_process_does(tmp_path: Path) -> None:
    copies_of_the_projects(tmp_path)

    single = scan(tmp_path)
    pooled = scan(tmp_path, workers=2, tuning=SMALL_POOL)

    assert comparable(pooled) == comparable(single)
    assert len(single.manifests) > 60


def test_parsing_each_copy_once_changes_nothing_in_the_report(tmp_path: Path) -> None:
    copies_of_the_projects(tmp_path)
    remembered = scan(tmp_path, workers=2, tuning=SMALL_POOL)

    made_distinct(tmp_path)
    every_file = scan(tmp_path)

    assert findings_of(remembered) == findings_of(every_file)
    assert {d.manifest.split("/")[0] for d in remembered.dependencies} == {
        "copy-0",
        "copy-1",
        "copy-2",
    }
    assert [lic.path for lic in remembered.licenses if lic.source == "file"] == [
        "copy-0/LICENSE",
        "copy-1/LICENSE",
        "copy-2/LICENSE",
    ]


def test_a_copy_is_parsed_once(tmp_path: Path) -> None:
    copies_of_the_projects(tmp_path)
    report = scan(tmp_path)
    # The memo the walk uses, fed every manifest the scan found in walk order: a copy is
    # answered with the first path (SameAs), so only one copy of each file is ever parsed.
    memo = ManifestMemo()
    parsed = [
        manifest.path
        for manifest in sorted(report.manifests, key=lambda m: m.path)
        if isinstance(
            memo.parse(manifest.path, (tmp_path / manifest.path).read_bytes()), ParsedFile
        )
    ]

    within_copy = [path.split("/", 1)[1] for path in parsed]
    assert within_copy
    assert len(within_copy) == len(set(within_copy))  # whichever copy came first
    assert len(report.manifests) > 2 * len(parsed)


def test_a_threaded_caller_gets_the_same_report_from_forkserver_workers(tmp_path: Path) -> None:
    copies_of_the_projects(tmp_path, copies=2)
    single = scan(tmp_path)
    other_thread_done = threading.Event()
    other_thread = threading.Thread(target=other_thread_done.wait, daemon=True)
    other_thread.start()
    try:
        pooled = scan(tmp_path, workers=2, tuning=SMALL_POOL)
    finally:
        other_thread_done.set()
        other_thread.join(timeout=5)

    assert comparable(pooled) == comparable(single)


def test_copies_of_a_manifest_name_their_own_paths() -> None:
    package = '{\n  "name": "x",\n  "license": "MIT",\n  "dependencies": {"react": "^18"}\n}\n'
    results = parse_files({"a/package.json": package, "b/package.json": package})

    react_a = dependency(results, "react", "a/package.json")
    react_b = dependency(results, "react", "b/package.json")
    assert (react_a.line, react_b.line) == (4, 4)
    assert react_a is not react_b
    assert [(lic.path, lic.spdx_id) for lic in results.licenses] == [
        ("a/package.json", "MIT"),
        ("b/package.json", "MIT"),
    ]


def test_the_same_cargo_member_parses_apart_at_the_root_and_in_a_workspace() -> None:
    member = '[package]\nname = "m"\n\n[dependencies]\nserde = { workspace = true }\n'
    workspace = '[workspace]\nmembers = ["m"]\n\n[workspace.dependencies]\nserde = "1.0.190"\n'

    results = parse_files(
        {
            "Cargo.toml": member,
            "vendor/ws/Cargo.toml": workspace,
            "vendor/ws/m/Cargo.toml": member,
        }
    )

    assert dependency(results, "serde", "Cargo.toml").version_spec is None
    assert dependency(results, "serde", "vendor/ws/m/Cargo.toml").version_spec == "1.0.190"


def test_a_message_quoting_the_file_is_never_reused_for_a_copy() -> None:
    broken = "[metadata]\nname = x\n  indented continuation before any option\n[options\n"
    results = parse_files({"a/setup.cfg": broken, "b/setup.cfg": broken})

    assert [w.path for w in results.warnings] == ["a/setup.cfg", "b/setup.cfg"]
    for warning in results.warnings:
        other = "b/setup.cfg" if warning.path == "a/setup.cfg" else "a/setup.cfg"
        assert other not in warning.message


def test_a_moved_dependency_is_what_model_copy_makes() -> None:
    original = ParsedFile("a/package-lock.json", "npm", "lockfile")
    original.add_locked("left-pad", "1.3.0", line=7, scope="dev")
    original.add("react", "^18", line=3, group="web")
    # Made with some fields left to their defaults: its set of set fields is not shared.
    original.dependencies.append(
        Dependency(name="vue", ecosystem="npm", manifest="a/package-lock.json")
    )

    moved = original.moved_to("b/package-lock.json")

    for before, after in zip(original.dependencies, moved.dependencies, strict=True):
        expected = before.model_copy(update={"manifest": "b/package-lock.json"})
        assert after == expected
        assert after.model_fields_set == expected.model_fields_set
        assert after.model_dump_json() == expected.model_dump_json()
        fields_before = set(before.model_fields_set)
        after.resolved_version = "9.9.9"
        assert before.resolved_version != "9.9.9"
        assert before.model_fields_set == fields_before
    assert moved.copy_of == "a/package-lock.json"


@pytest.mark.parametrize("folder", ["", "src/", "requirements/", "LICENSES/", "gradle/", "a/b/"])
def test_the_name_cache_of_wants_content_agrees_with_every_detector(folder: str) -> None:
    names = {path.name for path in PROJECTS.rglob("*") if path.is_file()} | {
        "requirements.txt", "dev.txt", "MIT.txt", "libs.versions.toml", "LICENSE", "COPYING",
        "LICENSE-MIT", "manage.py", "web.csproj", "tox.ini", "deploy.yaml", "values.yaml",
        "Chart.yaml", "index.js", "README.md", "notes.txt", "x.yml", "pyproject.toml",
    }  # fmt: skip
    for directory in (folder, "node_modules/" + folder, ".github/workflows/" + folder):
        for name in sorted(names):
            relpath = directory + name
            assert wants_content(relpath) == scan_module._wanted(relpath), relpath
