"""Reading custom rule packs from a working tree, from a commit (the base branch of a check) and
from the server's folder: only rule files, only inside the repository."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pygit2
import pytest

from app.agents.analyzer.custom_packs import PackError, PackSource
from app.agents.analyzer.pack_sources import (
    commit_sources,
    org_pack,
    org_sources,
    tree_packs,
    worktree_packs,
)
from app.models.config import load_repo_config
from tests.analyzer.conftest import GitRepo, write

RULE = (
    "rules:\n  - id: r\n    languages: [python]\n    severity: INFO\n    message: m\n"
    "    pattern: x\n"
)
CONFIG = "fail_on: error\nrules:\n  packs:\n    - .semgrep/\n    - rules/custom.yml\n"


def names(sources: Sequence[PackSource]) -> list[tuple[str, list[str]]]:
    return [(s.name, [f.display for f in s.files]) for s in sources]


def test_a_folder_pack_is_its_visible_yaml_files_and_a_file_pack_is_itself(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".semgrep/a.yml": RULE,
            ".semgrep/sub/b.yaml": RULE,
            ".semgrep/.hidden/c.yml": RULE,
            ".semgrep/README.md": "# rules\n",
            "rules/custom.yml": RULE,
        },
    )
    sources = worktree_packs(
        tmp_path, [".semgrep/", "rules/custom.yml"], config_text=CONFIG, config_name="v.yml"
    )
    assert names(sources) == [
        (".semgrep/", [".semgrep/a.yml", ".semgrep/sub/b.yaml"]),
        ("rules/custom.yml", ["rules/custom.yml"]),
    ]
    assert sources[0].files[1].relative == "sub/b.yaml"
    assert sources[0].files[0].data == RULE.encode()


def test_a_missing_pack_names_the_configuration_line(tmp_path: Path) -> None:
    write(tmp_path, {".semgrep/a.yml": RULE})
    with pytest.raises(PackError) as caught:
        worktree_packs(
            tmp_path, [".semgrep/", "rules/custom.yml"], config_text=CONFIG, config_name="v.yml"
        )
    assert (caught.value.filename, caught.value.line) == ("v.yml", 5)
    assert "`rules/custom.yml` does not exist" in str(caught.value)


def test_a_folder_without_rule_files_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {".semgrep/notes.txt": "x\n"})
    with pytest.raises(PackError, match=r"holds no \.yml or \.yaml rule files"):
        worktree_packs(tmp_path, [".semgrep/"], config_text=CONFIG, config_name="v.yml")


def test_symbolic_links_are_followed_only_inside_the_working_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, {"secret.yml": RULE})
    root = tmp_path / "repo"
    write(root, {"shared/rules.yml": RULE, ".semgrep/own.yml": RULE})
    (root / ".semgrep" / "linked.yml").symlink_to(root / "shared" / "rules.yml")
    [source] = worktree_packs(root, [".semgrep/"], config_text=None, config_name="v.yml")
    assert [f.display for f in source.files] == [".semgrep/linked.yml", ".semgrep/own.yml"]

    (root / ".semgrep" / "escape.yml").symlink_to(outside / "secret.yml")
    with pytest.raises(PackError, match="leads outside the repository"):
        worktree_packs(root, [".semgrep/"], config_text=CONFIG, config_name="v.yml")
    (root / "elsewhere").symlink_to(outside)
    with pytest.raises(PackError) as caught:
        worktree_packs(root, ["elsewhere/"], config_text=CONFIG, config_name="v.yml")
    assert "leads outside the repository" in str(caught.value)


def test_a_commit_pack_comes_from_that_commit_only(git_repo: GitRepo) -> None:
    base = git_repo.commit(
        {".github/vibe.yml": CONFIG, ".semgrep/a.yml": RULE, "rules/custom.yml": RULE}, "base"
    )
    head = git_repo.commit({".semgrep/b.yml": RULE.replace("id: r", "id: s")}, "head")
    repo = git_repo.repo
    config = load_repo_config(CONFIG, ".github/vibe.yml")
    at_base = commit_sources(repo, base, config, config_text=CONFIG, config_name="v.yml")
    assert names(at_base) == [
        (".semgrep/", [".semgrep/a.yml"]),
        ("rules/custom.yml", ["rules/custom.yml"]),
    ]
    at_head = tree_packs(repo, head, [".semgrep/"], config_text=None, config_name="v.yml")
    assert names(at_head) == [(".semgrep/", [".semgrep/a.yml", ".semgrep/b.yml"])]


def test_a_committed_symbolic_link_out_of_the_tree_is_refused(git_repo: GitRepo) -> None:
    write(git_repo.root, {".semgrep/a.yml": RULE})
    (git_repo.root / ".semgrep" / "escape.yml").symlink_to("../../etc/passwd")
    (git_repo.root / ".semgrep" / "alias.yml").symlink_to("a.yml")
    sha = git_repo.commit({}, "links")
    entry = git_repo.repo[sha].peel(pygit2.Tree)[".semgrep/escape.yml"]
    assert entry.filemode == pygit2.enums.FileMode.LINK
    with pytest.raises(PackError) as caught:
        tree_packs(git_repo.repo, sha, [".semgrep/"], config_text=CONFIG, config_name="v.yml")
    assert caught.value.line == 4
    assert "leads outside the repository" in str(caught.value) and "escape.yml" in str(caught.value)

    (git_repo.root / ".semgrep" / "escape.yml").unlink()
    sha = git_repo.commit({}, "only the inner link")
    [source] = tree_packs(git_repo.repo, sha, [".semgrep/"], config_text=None, config_name="v")
    assert [(f.display, f.data) for f in source.files] == [
        (".semgrep/a.yml", RULE.encode()),
        (".semgrep/alias.yml", RULE.encode()),
    ]


def test_the_organisation_pack_is_one_pack_named_org(tmp_path: Path) -> None:
    write(tmp_path, {"org/a.yml": RULE, "org/b.yml": RULE, "more.yml": RULE})
    assert names([org_pack(tmp_path / "org")]) == [
        ("org", ["VIBE_RULES_DIR/a.yml", "VIBE_RULES_DIR/b.yml"])
    ]
    [both] = org_sources([tmp_path / "org", tmp_path / "more.yml"], label=None)
    assert both.name == "org"
    assert [f.relative for f in both.files] == ["0/a.yml", "0/b.yml", "1/more.yml"]
    assert both.files[2].display == str(tmp_path / "more.yml")
    with pytest.raises(PackError, match="does not exist"):
        org_pack(tmp_path / "missing")
