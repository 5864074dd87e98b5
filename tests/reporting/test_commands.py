from __future__ import annotations

from datetime import date

from app.reporting.commands import help_text, ignore_active, parse_commands

FP = "f3a9c2e4b1d07a65"
TODAY = date(2026, 11, 29)


def test_rescan_and_help_are_recognised() -> None:
    commands = parse_commands("/vibe rescan\n/vibe help\n/VIBE Rescan please")
    assert [c.kind for c in commands] == ["rescan", "help", "rescan"]


def test_ignore_takes_a_fingerprint_and_a_reason() -> None:
    (command,) = parse_commands(f"Looked at it.\n\n/vibe ignore {FP} test fixture, not real code")
    assert command.kind == "ignore"
    assert command.fingerprint == FP
    assert command.reason == "test fixture, not real code"
    assert command.until is None


def test_ignore_reason_may_be_quoted_and_fingerprint_in_backticks() -> None:
    (command,) = parse_commands(f'/vibe ignore `{FP}` "false positive: constant input"')
    assert command.fingerprint == FP
    assert command.reason == "false positive: constant input"


def test_ignore_until_a_date() -> None:
    (command,) = parse_commands(
        f"/vibe ignore {FP} vendor fix pending until 2026-12-31", today=TODAY
    )
    assert command.kind == "ignore"
    assert command.reason == "vendor fix pending"
    assert command.until == date(2026, 12, 31)


def test_a_bad_date_gets_an_error_that_shows_the_format() -> None:
    for bad in ("31/12/2026", "2026-02-30", "tomorrow"):
        (command,) = parse_commands(f"/vibe ignore {FP} reason until {bad}")
        assert command.kind == "invalid"
        assert command.error is not None
        assert f"`{bad}` is not a date; write it as YYYY-MM-DD" in command.error
        assert "[until YYYY-MM-DD]" in command.error


def test_a_past_date_or_missing_date_is_refused() -> None:
    (past,) = parse_commands(f"/vibe ignore {FP} reason until 2026-11-28", today=TODAY)
    assert past.kind == "invalid" and "already past" in (past.error or "")
    (today,) = parse_commands(f"/vibe ignore {FP} reason until 2026-11-29", today=TODAY)
    assert today.kind == "ignore"
    (dangling,) = parse_commands(f"/vibe ignore {FP} reason until")
    assert dangling.kind == "invalid" and "`until` needs a date" in (dangling.error or "")


def test_ignore_without_reason_or_fingerprint_explains_usage() -> None:
    no_reason, no_args, placeholder = parse_commands(
        f"/vibe ignore {FP}\n/vibe ignore\n/vibe ignore <fingerprint> because"
    )
    assert "needs a reason" in (no_reason.error or "")
    assert "needs a fingerprint and a reason" in (no_args.error or "")
    assert "is not a fingerprint" in (placeholder.error or "")
    assert all(c.kind == "invalid" for c in (no_reason, no_args, placeholder))


def test_unknown_command_lists_the_commands() -> None:
    (command,) = parse_commands("/vibe deploy now")
    assert command.kind == "invalid"
    assert command.error is not None
    assert command.error.startswith("Unknown command `deploy`.")
    assert "`/vibe rescan`" in command.error and "`/vibe help`" in command.error
    (bare,) = parse_commands("/vibe")
    assert bare.kind == "invalid"


def test_quoted_lines_code_blocks_and_inline_code_are_not_commands() -> None:
    body = "\r\n".join(
        [
            "> /vibe rescan",
            "```",
            "/vibe rescan",
            "```",
            "~~~~text",
            "/vibe help",
            "```",  # does not close a ~~~~ fence
            "/vibe help",
            "~~~~",
            "    /vibe rescan",
            "Run `/vibe rescan` to try again.",
            "/vibex rescan",
            "  /vibe help",
        ]
    )
    assert [c.line for c in parse_commands(body)] == ["/vibe help"]


def test_an_unclosed_fence_hides_the_rest_of_the_comment() -> None:
    assert parse_commands("```python\n/vibe rescan") == []


def test_ignore_is_active_through_its_until_date() -> None:
    assert ignore_active(None, TODAY)
    assert ignore_active(date(2026, 11, 29), TODAY)
    assert not ignore_active(date(2026, 11, 28), TODAY)


def test_help_text_lists_every_command() -> None:
    text = help_text()
    for usage in (
        "/vibe rescan",
        "/vibe ignore <fingerprint> <reason> [until YYYY-MM-DD]",
        "/vibe help",
    ):
        assert usage in text
