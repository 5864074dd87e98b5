"""The kind of flaw a finding reports, as a family of CWEs, so that tools agree on it.

Tools name one flaw with different CWEs: our weak-hash rules say CWE-328, bandit's B324 says
CWE-327; `python.flask-debug` says CWE-489, bandit's B201 says CWE-94 (code injection, through
the debugger). Findings are merged (:mod:`.merge`) and the test-code policy decides what applies
to tests (:mod:`.testcode`) by family, never by the raw CWE. A CWE outside the table is its own
family; a finding without a CWE has a family of its own rule only, and never merges.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.models.finding import Finding

_FAMILY_CWES: dict[str, tuple[int, ...]] = {
    "debug": (11, 215, 489),
    "hard-coded-secret": (259, 321, 798),
    "weak-crypto": (326, 327, 328, 916),
    "weak-random": (330, 331, 338),
    "tls-verification": (295, 297),
    "cleartext": (319, 523),
    "bind-all-interfaces": (605, 668, 1327),
    "assert": (617,),
    "error-handling": (703,),
    "timeout": (400,),
    "temp-file": (377, 378, 379),
    "command-injection": (77, 78, 88),
    "sql-injection": (89,),
    "code-injection": (94, 95),
    "deserialization": (502,),
    "xxe": (611, 776),
    "path-traversal": (22, 23, 36),
    "xss": (79, 80),
    "ssrf": (918,),
    "open-redirect": (601,),
    "ldap-injection": (90,),
    "xpath-injection": (643,),
    "template-injection": (1336,),
    "trust-boundary": (501,),
    "insecure-cookie": (614, 1004, 1275),
}
_FAMILY_OF: dict[int, str] = {cwe: family for family, cwes in _FAMILY_CWES.items() for cwe in cwes}
# Bandit tests whose CWE says something else than the flaw they look for.
_BANDIT_FAMILIES: dict[str, str] = {
    "B101": "assert",  # CWE-703
    "B201": "debug",  # CWE-94: the debugger runs code, but the flaw is debug mode
    "B307": "code-injection",  # eval, filed under CWE-78
    "B506": "deserialization",  # yaml.load, filed under CWE-20
    "B607": "CWE-426",  # a partial executable path: untrusted search path, not injection
    "B701": "xss",  # jinja2 autoescape off, filed under CWE-94
    **{f"B3{n}": "xxe" for n in range(13, 21)},  # xml parsers, filed under CWE-20
    **{f"B4{n:02d}": "xxe" for n in range(5, 12)},
}
_CWE_NUMBER = re.compile(r"CWE-(\d+)", re.IGNORECASE)


def cwe_numbers(cwes: Iterable[str]) -> list[int]:
    """``["CWE-89: SQL Injection"]`` → ``[89]``."""
    return [int(m.group(1)) for cwe in cwes if (m := _CWE_NUMBER.search(cwe))]


def flaw_families(finding: Finding) -> frozenset[str]:
    """The families of the flaw ``finding`` reports (see the module's table)."""
    if finding.tool == "bandit" and finding.rule_id in _BANDIT_FAMILIES:
        return frozenset({_BANDIT_FAMILIES[finding.rule_id]})
    numbers = cwe_numbers(finding.cwe)
    if not numbers:
        return frozenset({f"rule:{finding.tool}:{finding.rule_id}"})
    return frozenset(_FAMILY_OF.get(n, f"CWE-{n}") for n in numbers)
