"""Marked blocks: only their insides change, headings a person wrote are read by meaning."""

from __future__ import annotations

import pytest

from app.agents.docs.blocks import (
    BlockError,
    find_blocks,
    human_sections,
    replace_blocks,
    sections_of_heading,
    split_lines,
)


def test_replacing_a_block_keeps_crlf_line_endings_and_every_byte_outside() -> None:
    text = (
        "# Tool\r\n\r\nIntro  \r\n"
        "<!-- vibe:docs:start usage -->\r\nold\r\n<!-- vibe:docs:end usage -->\r\n"
        "Trailing words\twith a tab"
    )

    new, kept = replace_blocks(text, "README.md", {"usage": "## Usage\n\nnew"}, ["usage"], "t")

    assert new == (
        "# Tool\r\n\r\nIntro  \r\n"
        "<!-- vibe:docs:start usage -->\r\n## Usage\r\n\r\nnew\r\n<!-- vibe:docs:end usage -->\r\n"
        "Trailing words\twith a tab"
    )
    assert kept == ["usage"]


def test_a_new_block_goes_after_the_last_line_even_without_a_final_newline() -> None:
    new, _ = replace_blocks("# Tool\n\nNo newline", "README.md", {"usage": "u"}, ["usage"], "t")

    assert new == (
        "# Tool\n\nNo newline\n\n<!-- vibe:docs:start usage -->\nu\n<!-- vibe:docs:end usage -->\n"
    )


def test_blocks_this_run_does_not_manage_are_left_alone() -> None:
    text = "<!-- vibe:docs:start future -->\nkeep\n<!-- vibe:docs:end future -->\n"

    new, _ = replace_blocks(text, "README.md", {"usage": None}, ["usage"], "t")

    assert new == text


def test_an_unclosed_marker_is_reported_with_its_line_and_the_fix() -> None:
    lines = split_lines("# T\n\n<!-- vibe:docs:start usage -->\ntext\n")

    with pytest.raises(BlockError, match=r"README.md line 3: .*never closed; add"):
        find_blocks(lines, "README.md")


def test_an_end_marker_without_its_start_is_reported() -> None:
    lines = split_lines("<!-- vibe:docs:end usage -->\n")

    with pytest.raises(BlockError, match=r"README\.md line 1: vibe:docs:end usage has no"):
        find_blocks(lines, "README.md")


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Installation", "installation"),
        ("Install", "installation"),
        ("Getting Started", "installation"),
        ("🚀 Usage", "usage"),
        ("2. Configuration", "configuration"),
        ("Environment variables", "configuration"),
        ("Testing", "testing"),
        ("Running the tests", "testing"),
        ("Tech Stack", "tech-stack"),
        ("Built with", "tech-stack"),
        ("Project structure", "layout"),
        ("About", "overview"),
    ],
)
def test_headings_are_matched_by_meaning(heading: str, section: str) -> None:
    assert section in sections_of_heading(heading)


def test_running_the_tests_is_not_mistaken_for_usage() -> None:
    assert sections_of_heading("Running the tests") == {"testing"}


def test_headings_inside_code_fences_and_blocks_do_not_count() -> None:
    text = (
        "# Tool\n\n"
        "## Contributing\n\n"
        "```md\n## Installation\n```\n"
        "<!-- vibe:docs:start usage -->\n## Usage\n<!-- vibe:docs:end usage -->\n"
    )
    lines = split_lines(text)

    assert human_sections(lines, find_blocks(lines, "README.md")) == set()


def test_prose_under_the_title_counts_as_an_overview_but_badges_do_not() -> None:
    badges = split_lines("# Tool\n\n[![CI](https://x/b.svg)](https://x)\n\n## Usage\n\nRun it.\n")
    prose = split_lines("Tool\n====\n\nTool counts things.\n")

    assert human_sections(badges, []) == {"usage"}
    assert human_sections(prose, []) == {"overview"}


def test_top_level_headings_after_the_title_are_sections_too() -> None:
    lines = split_lines("# Tool\n\nIntro.\n\n# Installation\n\npip install tool\n")

    assert human_sections(lines, []) == {"overview", "installation"}


def test_a_marker_inside_generated_text_cannot_end_its_block_early() -> None:
    body = "Usage.\n<!-- vibe:docs:end usage -->\nMore."

    new, _ = replace_blocks(None, "README.md", {"usage": body}, ["usage"], "Tool")

    assert new == (
        "# Tool\n\n<!-- vibe:docs:start usage -->\nUsage.\nMore.\n<!-- vibe:docs:end usage -->\n"
    )
