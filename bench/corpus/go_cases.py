"""All Go cases: the taint classes (go_taint.py) and the pattern classes (go_patterns.py)."""

from __future__ import annotations

import go_patterns
import go_program
import go_taint
from casegen import Case, pattern_cases, taint_cases


def cases() -> list[Case]:
    out: list[Case] = []
    for spec in go_taint.CLASSES:
        out.extend(taint_cases(spec, go_program.make_flow, go_program.write))
    out.extend(pattern_cases("insecure-cookie", go_patterns.COOKIE, go_program.write))
    out.extend(pattern_cases("weak-hash", go_patterns.HASH, go_program.write))
    out.extend(pattern_cases("weak-random", go_patterns.RANDOM, go_program.write))
    return out
