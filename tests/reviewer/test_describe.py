"""The description section: written between markers, the author's text kept byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.agents.reviewer.describe import END, START, describe_section, merge_description
from app.agents.reviewer.gitdiff import review_input
from tests.reviewer.conftest import BASE_APP, HEAD_APP, two_commits

AUTHOR = "Fixes #12.\r\n\r\n  Trailing spaces stay.   \r\nÜnïcödé ✓ and `code`\r\n"


@pytest.mark.parametrize("body", [AUTHOR, "One line, no newline", "Ends with two\n\n"])
def test_the_section_is_appended_and_the_authors_text_kept_byte_for_byte(body: str) -> None:
    section = f"{START}\nnew\n{END}"
    merged = merge_description(body, section)

    assert merged.startswith(body)
    assert merged.endswith(section + "\n")


def test_a_second_describe_replaces_only_the_section() -> None:
    first = merge_description(AUTHOR, f"{START}\nold\n{END}")
    edited = first + "Author's note added after the section.\r\n"

    second = merge_description(edited, f"{START}\nnew\n{END}")

    assert second.encode() == edited.replace("\nold\n", "\nnew\n").encode()
    assert second.count(START) == 1 and "old" not in second


def test_an_empty_body_gets_just_the_section() -> None:
    assert merge_description(None, f"{START}\nx\n{END}") == f"{START}\nx\n{END}\n"


def test_the_section_names_each_file_once_dependencies_security_and_tests(
    tmp_path: Path,
) -> None:
    world = two_commits(
        tmp_path / "repo",
        {"app.py": BASE_APP, "requirements.txt": "flask==2.0.1\n"},
        {
            "app.py": HEAD_APP,
            "requirements.txt": "flask==3.0.1\nrequests==2.32.0\n",
            "tests/test_app.py": "def test_total():\n    pass\n",
            "auth/login.py": "TOKEN_TTL = 60\n",
        },
    )
    section = describe_section(review_input(world.repo, world.base_sha, world.head_sha))

    assert section.startswith(START) and section.endswith(END)
    assert "- **Code** (+6 -0): `app.py`" in section
    assert "- **Dependencies** (+2 -1): `requirements.txt`" in section
    assert "- **Security-sensitive** (+1 -0): `auth/login.py`" in section
    assert "- **Tests** (+2 -0): `tests/test_app.py`" in section
    assert "- Added: `remove` in `app.py`, `test_total` in `tests/test_app.py`" in section
    assert "`flask` upgraded 2.0.1 → 3.0.1 (pypi, `requirements.txt`)" in section
    assert "`requests` 2.32.0 added" in section
    assert "No new finding from the analyzer." in section  # no analysis was run
    assert "1 security-sensitive file changed (listed above)." in section
    assert "1 test file changed (1 added)." in section
    # Each changed file is listed once (a manifest is named again only beside its dependencies).
    for path in ("app.py", "auth/login.py", "tests/test_app.py"):
        assert section.count(f"`{path}`") == 1 + section.count(f"in `{path}`"), path
