"""Workflow commands and environment files, escaped the way the runner parses them."""

from __future__ import annotations

import pytest

from actions.file_commands import append_outputs, append_summary, format_outputs
from actions.workflow_commands import (
    annotation_command,
    command,
    escape_data,
    escape_property,
    group_lines,
    split_annotations,
)
from app.reporting.annotations import Annotation, AnnotationLevel
from tests.action.conftest import parse_output_file


def annotation(level: AnnotationLevel, path: str = "a.py", line: int = 1) -> Annotation:
    return Annotation(
        path=path,
        start_line=line,
        end_line=line,
        annotation_level=level,
        message="m",
        title="t",
    )


def test_data_escapes_percent_and_line_breaks() -> None:
    assert escape_data("100% done\r\n::error::boom") == "100%25 done%0D%0A::error::boom"


def test_properties_also_escape_colon_and_comma() -> None:
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_a_message_cannot_start_a_second_command() -> None:
    line = command("warning", "first\n::error::injected", file="x,y:z.py", line=3)
    assert line == "::warning file=x%2Cy%3Az.py,line=3::first%0A::error::injected"
    assert "\n" not in line


def test_annotation_command_names_the_place_and_leaves_out_unknown_columns() -> None:
    multi_line = Annotation(
        path="src/app.py",
        start_line=3,
        end_line=5,
        annotation_level="failure",
        message="SQL built from input",
        title="semgrep: python.sqli",
    )
    assert annotation_command(multi_line) == (
        "::error file=src/app.py,line=3,endLine=5,title=semgrep%3A python.sqli::"
        "SQL built from input"
    )


def test_at_most_ten_of_a_level_and_fifty_in_all_are_shown() -> None:
    annotations = [annotation("failure", line=n) for n in range(1, 13)]
    annotations += [annotation("warning", line=n) for n in range(1, 4)]
    split = split_annotations(annotations)
    assert [a.annotation_level for a in split.shown].count("failure") == 10
    assert [a.annotation_level for a in split.shown].count("warning") == 3
    assert [a.start_line for a in split.rest] == [11, 12]

    capped = split_annotations(annotations, per_level=10, total=4)
    assert len(capped.shown) == 4 and len(capped.rest) == 11


def test_group_lines_cannot_be_read_as_commands() -> None:
    lines = group_lines("2 more", ["::error::not a command", "line\n::warning::x"])
    assert lines[0] == "::group::2 more"
    assert lines[-1] == "::endgroup::"
    assert all(not line.startswith("::") for line in lines[1:-1])
    assert lines[2] == "  line"


def test_outputs_use_a_random_delimiter_the_runner_reads_back(tmp_path) -> None:
    path = tmp_path / "output"
    path.write_text("earlier=1\n")
    append_outputs(path, {"findings": "3", "note": "two\nlines\nEOF\nx=1"})
    assert parse_output_file(path.read_text()) == {
        "earlier": "1",
        "findings": "3",
        "note": "two\nlines\nEOF\nx=1",
    }
    delimiters = {line.split("<<")[1] for line in path.read_text().splitlines() if "<<" in line}
    assert len(delimiters) == 2 and all(d.startswith("ghadelimiter_") for d in delimiters)


def test_a_value_holding_its_delimiter_is_refused() -> None:
    with pytest.raises(ValueError, match="delimiter"):
        format_outputs({"x": "a\nDELIM\nb"}, delimiter="DELIM")


def test_summary_is_appended_and_cut_at_the_limit(tmp_path) -> None:
    path = tmp_path / "summary.md"
    append_summary(path, "## One")
    append_summary(path, ("row\n" * 400_000))
    text = path.read_text()
    assert text.startswith("## One\n")
    assert len(text.encode()) < 1024 * 1024
    assert text.endswith("…the report was cut at GitHub's 1 MiB limit.\n")
