"""All Java cases: the taint classes (java_taint*.py) and the pattern classes (java_patterns.py)."""

from __future__ import annotations

import java_patterns
import java_program
import java_taint
import java_taint_more
from casegen import Case, pattern_cases, taint_cases


def cases() -> list[Case]:
    out: list[Case] = []
    for spec in (*java_taint.CLASSES, *java_taint_more.CLASSES):
        out.extend(taint_cases(spec, java_program.make_flow, java_program.write))
    out.extend(pattern_cases("insecure-cookie", java_patterns.COOKIE, java_program.write))
    out.extend(pattern_cases("weak-hash", java_patterns.HASH, java_program.write))
    out.extend(pattern_cases("weak-random", java_patterns.RANDOM, java_program.write))
    return out
