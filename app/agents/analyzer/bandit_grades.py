"""Bandit's checks graded for what they can tell: severity that means something.

Our levels mean: **error** a confirmed source-to-sink flow or an equally certain flaw;
**warning** a risky construct a reviewer should look at; **note** a hint. Bandit matches
patterns one node at a time and proves no flow, so it never gives an error by itself: where a
flaw is real, our semgrep taint rules report the flow at error level, and the two findings are
merged into one (:mod:`.merge`). Each check is graded:

- ``off``: not run at all (``bandit --skip``); it fires on code that is fine nearly always.
- ``note``: a hint, whatever bandit says; it cannot tell safe use from unsafe use.
- ``capped``: bandit's severity, at most warning (HIGH and MEDIUM → warning, LOW → note).

and any finding bandit itself has LOW confidence in is a note. Checks not in the table are
``capped``. ``rules.enable`` in ``.github/vibe.yml`` runs a check graded off (as a note; the
configuration lists them in ``app.models.config.OFF_BY_DEFAULT``). Test code has its own policy
on top (:mod:`.testcode`): hard-coded passwords, weak hashes, randomness, timeouts, TLS and
debug mode do not apply there.

======  ==============================  =======  =============================================
Check   What                            Grade    Why
======  ==============================  =======  =============================================
B101    assert                          off      invariants and tests; `python.assert-for-auth`
                                                 covers asserts guarding access
B102    exec                            note     cannot tell a constant from input; taint rules
B103    chmod world-writable            capped   the mode is a literal: certain, but local
B104    bind 0.0.0.0                    note     intended in containers and servers
B105-7  hard-coded password             note     any string in a `password`-named slot; the
                                                 secret detector judges values
B108    /tmp path                       note     usually a default or a test
B110    try/except/pass                 note     error handling style
B112    try/except/continue             note     error handling style
B113    request without timeout         note     robustness, not a vulnerability
B201    Flask debug=True                capped   certain, but often a dev entry point
B202    tarfile.extractall              capped   cannot tell the archive's origin
B301-2  pickle/marshal loads            note     cannot tell where the bytes come from; the
                                                 deserialization taint rules decide
B303-5  weak hash/cipher (blacklist)    capped   weak ciphers and ECB mode are certain
B306    tempfile.mktemp                 capped   race-prone API, certain
B307    eval                            note     taint rules decide
B308    mark_safe                       note     taint rules decide
B310    urlopen                         note     permitted schemes: an audit hint
B311    random                          note     only a flaw for secrets, which our rules
                                                 (weak randomness used for secrets) decide
B312    telnetlib                       capped
B313-0  XML parsers                     note     Python 3's parsers resolve no external
                                                 entities; XXE rules decide
B321    ftplib                          note     cleartext, like http://
B323    unverified SSL context          capped   verification off: certain
B324    hashlib md5/sha1                note     a checksum or a cache key is fine; weak
                                                 hashing of secrets is our rules' call (never
                                                 on `usedforsecurity=False`, skipped by bandit)
B401-2  telnetlib/ftplib import         note
B403    import pickle                   note     importing is not using
B404    import subprocess               off      importing is not using; B602-B607 see calls
B405-11 XML library imports             note
B412    httpoxy (wsgiref CGIHandler)    capped
B413    pycrypto import                 capped   unmaintained, with known flaws
B501    requests verify=False           capped   verification off: certain
B502-4  SSL/TLS versions                capped
B505    short crypto key                capped
B506    yaml.load                       capped   unsafe loader: certain; input unknown
B507    ssh: no host key check          capped
B601    paramiko exec_command           note     cannot tell the command's origin
B602    shell=True                      note     cannot tell a quoted, validated or constant
                                                 value from input; command-injection taint
                                                 rules give the error
B603    subprocess without shell        off      the safe form
B604    shell=True elsewhere            note
B605    os.system/popen                 note     as B602
B606    process without shell           note
B607    partial executable path         note
B608    SQL built from strings          note     LOW confidence; SQL taint rules decide
B609    wildcard in a command           capped
B610-1  Django extra/RawSQL             note     taint rules decide
B612    logging.config.listen           capped
B613    bidirectional characters        capped
B614    torch.load                      capped
B615    unpinned Hugging Face download  note
B701    jinja2 autoescape=False         capped
B702    Mako templates                  note
B703    mark_safe                       note
B704    Markup                          note
======  ==============================  =======  =============================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from app.models.finding import Severity

Grade = Literal["off", "note", "capped"]

GRADES: dict[str, Grade] = {
    "B101": "off",
    "B102": "note",
    "B104": "note",
    "B105": "note",
    "B106": "note",
    "B107": "note",
    "B108": "note",
    "B110": "note",
    "B112": "note",
    "B113": "note",
    "B301": "note",
    "B302": "note",
    "B307": "note",
    "B308": "note",
    "B310": "note",
    "B311": "note",
    **{f"B3{n}": "note" for n in range(13, 21)},
    "B321": "note",
    "B324": "note",
    "B401": "note",
    "B402": "note",
    "B403": "note",
    "B404": "off",
    **{f"B4{n:02d}": "note" for n in range(5, 12)},
    "B601": "note",
    "B602": "note",
    "B603": "off",
    "B604": "note",
    "B605": "note",
    "B606": "note",
    "B607": "note",
    "B608": "note",
    "B610": "note",
    "B611": "note",
    "B615": "note",
    "B702": "note",
    "B703": "note",
    "B704": "note",
}
SKIPPED: tuple[str, ...] = tuple(sorted(test for test, grade in GRADES.items() if grade == "off"))
_CAPPED: dict[str, Severity] = {"HIGH": "warning", "MEDIUM": "warning", "LOW": "note"}


def skipped(enabled: Iterable[str] = ()) -> tuple[str, ...]:
    """The checks graded off that are not run: all but those ``rules.enable`` turned on (a
    check turned on is a note, like the ones that cannot tell)."""
    wanted = set(enabled)
    return tuple(test for test in SKIPPED if test not in wanted)


def grade(test_id: str, severity: str, confidence: str | None) -> Severity:
    """Our level for a bandit finding of ``test_id`` at bandit's ``severity`` and
    ``confidence`` (HIGH, MEDIUM or LOW)."""
    choice = GRADES.get(test_id, "capped")
    if choice != "capped" or (confidence or "").upper() == "LOW":
        return "note"
    return _CAPPED.get(severity.upper(), "warning")
