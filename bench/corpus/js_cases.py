"""All JavaScript cases: the taint classes (js_taint.py) and the pattern classes (js_patterns)."""

from __future__ import annotations

import js_patterns
import js_program
import js_taint
from casegen import Case, pattern_cases, taint_cases


def cases() -> list[Case]:
    out: list[Case] = []
    for spec in js_taint.CLASSES:
        out.extend(taint_cases(spec, js_program.make_flow, js_program.write))
    out.extend(pattern_cases("insecure-cookie", js_patterns.COOKIE, js_program.write))
    out.extend(pattern_cases("weak-hash", js_patterns.HASH, js_program.write))
    out.extend(pattern_cases("weak-random", js_patterns.RANDOM, js_program.write))
    return out
