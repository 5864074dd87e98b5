from __future__ import annotations

from app.reporting.limits import encoded_size, truncate_at_line, truncate_chars, truncate_text
from app.reporting.markdown import code_span, escape_inline, health_line


def test_truncating_never_splits_a_multibyte_character() -> None:
    cut = truncate_text("é" * 100, 51)
    assert encoded_size(cut) <= 51
    assert cut.endswith("…")
    cut.encode("utf-8").decode("utf-8")
    assert truncate_text("short", 51) == "short"


def test_truncating_at_a_line_without_a_url_still_says_so() -> None:
    text = "\n".join(f"row {n}" for n in range(1000))
    cut = truncate_at_line(text, 200)
    assert encoded_size(cut) <= 200
    assert cut.endswith("\n… truncated\n")
    assert cut.split("\n")[-3].startswith("row ")


def test_one_enormous_line_is_cut_inside_rather_than_dropped() -> None:
    cut = truncate_at_line("x" * 10_000, 100, "https://vibe.example.com/r/1")
    assert encoded_size(cut) <= 100
    assert cut.startswith("xxx")
    assert cut.endswith("… truncated — full report: https://vibe.example.com/r/1\n")


def test_title_limit_counts_characters() -> None:
    assert len(truncate_chars("é" * 300, 255)) == 255


def test_code_span_survives_backticks_and_escaping_keeps_tables_intact() -> None:
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x`") == "`` `x` ``"
    assert escape_inline("a | b\nc *d* @someone") == "a \\| b c \\*d\\* @&#8203;someone"


def test_health_line_shows_the_change_against_the_base() -> None:
    assert health_line(None, 0.5) is None
    assert health_line(0.8, None) == "Health score: **80**/100"
    assert health_line(0.8, 0.8) == "Health score: **80**/100 (unchanged vs base)"
    assert health_line(0.81, 0.7) == "Health score: **81**/100 (▲ 11 vs base)"
