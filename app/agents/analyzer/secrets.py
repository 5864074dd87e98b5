"""The built-in secret detector: private keys, cloud and GitHub tokens, framework secret keys
(Flask's ``app.secret_key`` and ``app.config['SECRET_KEY']``, Django's ``SECRET_KEY``),
``NAME=value`` lines of ``.env`` and properties files (``*_SECRET``, ``*_TOKEN``, ``*_KEY``,
``PASSWORD``, credentials in ``DATABASE_URL``), and high-entropy strings assigned to names like
``password`` or ``api_key``. Placeholders (``changeme``, ``your-secret-here``, ``xxx``,
``${VAR}``, empty) are no secrets; reading the value from the environment is the fix.

Pure functions over text. Whatever it reports is redacted: a secret never appears whole in a
message or snippet, and :func:`redact_text` is applied to every other tool's snippets too.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from app.agents.analyzer.fingerprint import code_digest
from app.agents.analyzer.records import RawFinding
from app.models.finding import Severity

TOOL = "secrets"
# Bump when a pattern changes: it is part of the result cache key (with this file's hash).
DETECTOR_VERSION = "3"
SNIPPET_MAX_CHARS = 200
ENTROPY_THRESHOLD = 3.5


@dataclass(frozen=True)
class SecretPattern:
    rule_id: str
    title: str
    regex: re.Pattern[str]
    severity: Severity
    confidence: str
    # Regex group holding the secret itself (0: the whole match).
    group: int = 0
    min_entropy: float = 0.0
    # The regex runs only on texts holding one of these (a substring test is ~50x faster).
    prefilter: tuple[str, ...] = ()
    # Whether a match is a secret (its name, its value); None: every match is.
    accept: Callable[[re.Match[str]], bool] | None = None
    # Only in settings files (.env, .properties): in code, `name=value` is a keyword argument.
    settings_only: bool = False


# Generic secrets: a long quoted value assigned (=, :, :=, =>) to a secret-like name. The value
# is matched first (rare) and the name looked up just before it, which is far cheaper than a
# case-insensitive scan for names across the whole text.
_ASSIGNED_VALUE = r"(?:=|:=|:|=>)[ \t]*(['\"])([^'\"\s]{16,200})\1"
_SECRET_NAME = re.compile(
    r"(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key"
    r"|private[_-]?key|client[_-]?secret|credentials?)[a-z0-9_.-]{0,30}['\"]?[ \t]*$"
)

# Values that stand for a secret without being one.
_PLACEHOLDER_VALUE = re.compile(
    r"(?i)^(?:x+|\*+|\.+|-+|_+|0+|<.*>|\[.*\]|\{.*\}|%.*%|\$.*|none|null|nil|true|false"
    r"|undefined|secret|password|passwd|pass|token|key|admin|root|test|testing|dev|development"
    r"|local|localhost|default|postgres|mysql|redis|guest|user|username|foobar|foo|bar|todo"
    r"|fixme|tbd|replace[_-]?me|set[_-]?me|fill[_-]?me.*|insert.*|enter.*|add[_-]?your.*)$"
    r"|changeme|change[_-]me|your[_-]|placeholder|example|dummy|sample|development|\$\{|\{\{|os\.environ"
    r"|getenv|process\.env"
)
# `.env`, `.env.production`, `prod.env`, `*.properties`; not the templates (`.env.example`).
_SETTINGS_FILE = re.compile(
    r"(?:^|/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults?$)[\w.-]+)?$"
    r"|\.env$|\.properties$"
)


def is_settings_file(path: str) -> bool:
    """Whether ``path`` holds ``NAME=value`` settings (``.env``, ``*.properties``)."""
    return _SETTINGS_FILE.search(path) is not None


_PUBLIC_NAME = re.compile(r"(?i)public|publishable|_id$|_name$|_path$|_file$|_type$")


def _real_value(value: str, min_length: int = 8) -> bool:
    return len(value) >= min_length and not _PLACEHOLDER_VALUE.search(value)


def _framework_key(match: re.Match[str]) -> bool:
    return _real_value(match.group("value"))


def _env_line(match: re.Match[str]) -> bool:
    return not _PUBLIC_NAME.search(match.group("name")) and _real_value(match.group("value"))


def _url_password(match: re.Match[str]) -> bool:
    return _real_value(match.group("value"), min_length=4)


# `NAME=value` at the start of a line, no spaces around `=`: .env, .properties, shell exports;
# the name ends in one of the words given.
_LINE_ASSIGNMENT = r"(?m)^[ \t]*(?:export[ \t]+)?(?P<name>(?:[A-Za-z][A-Za-z0-9_.-]*[_.-])?"
_ENV_NAME_WORDS = r"(?i:secret|token|password|passwd|pwd|pass|api[_-]?key|apikey|key))"

PATTERNS: tuple[SecretPattern, ...] = (
    SecretPattern(
        "secrets.private-key",
        "Private key",
        re.compile(
            r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"
        ),
        "error",
        "high",
        prefilter=("PRIVATE KEY",),
    ),
    SecretPattern(
        "secrets.aws-access-key-id",
        "AWS access key id",
        re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b"),
        "error",
        "high",
        prefilter=("AKIA", "ASIA", "ABIA", "ACCA"),
    ),
    SecretPattern(
        "secrets.aws-secret-access-key",
        "AWS secret access key",
        re.compile(r"(?i)aws_?secret_?access_?key['\"]?\s*(?:=|:)\s*['\"]?([A-Za-z0-9/+=]{40})\b"),
        "error",
        "high",
        group=1,
        prefilter=("aws", "AWS", "Aws"),
    ),
    SecretPattern(
        "secrets.github-token",
        "GitHub token",
        re.compile(
            r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b|\bgithub_pat_[A-Za-z0-9_]{50,255}\b"
        ),
        "error",
        "high",
        prefilter=("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    ),
    SecretPattern(
        "secrets.slack-token",
        "Slack token",
        re.compile(
            r"\bxox[abposr]-[A-Za-z0-9-]{10,250}"
            r"|https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"
        ),
        "error",
        "high",
        prefilter=("xox", "hooks.slack.com"),
    ),
    SecretPattern(
        "secrets.stripe-key",
        "Stripe secret key",
        re.compile(r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,250}\b"),
        "error",
        "high",
        prefilter=("k_live_", "k_test_"),
    ),
    SecretPattern(
        "secrets.google-api-key",
        "Google API key",
        re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b"),
        "error",
        "high",
        prefilter=("AIza",),
    ),
    SecretPattern(
        "secrets.framework-secret-key",
        "Hard-coded framework secret key (sessions and signatures can be forged with it)",
        re.compile(
            r"(?:\b(?:[A-Z0-9_]*_)?SECRET_KEY\b|\.secret_key\b"
            r"|\[[ \t]*(['\"])(?:[A-Z0-9_]*_)?SECRET_KEY\1[ \t]*\])"
            r"[ \t]*(?::[ \t]*str[ \t]*)?=[ \t]*(['\"])(?P<value>[^'\"\n]*)\2"
        ),
        "warning",
        "medium",
        group=3,
        prefilter=("SECRET_KEY", "secret_key"),
        accept=_framework_key,
    ),
    SecretPattern(
        "secrets.url-credentials",
        "Password in a connection URL",
        re.compile(
            _LINE_ASSIGNMENT + r"(?i:url|uri|dsn|database))=(['\"]?)[A-Za-z][A-Za-z0-9+.-]*://"
            r"[^:@/\s'\"]*:(?P<value>[^@/\s'\"]+)@"
        ),
        "warning",
        "medium",
        group=3,
        prefilter=("://",),
        accept=_url_password,
        settings_only=True,
    ),
    SecretPattern(
        "secrets.env-assignment",
        "Secret in a NAME=value setting",
        re.compile(
            _LINE_ASSIGNMENT + _ENV_NAME_WORDS + r"=(['\"]?)(?P<value>[^'\"\s#]+)\2[ \t]*(?:#.*)?$"
        ),
        "warning",
        "medium",
        group=3,
        prefilter=("=",),
        accept=_env_line,
        settings_only=True,
    ),
    SecretPattern(
        "secrets.generic-high-entropy",
        "High-entropy string assigned to a secret-like name",
        re.compile(_ASSIGNED_VALUE),
        "warning",
        "medium",
        group=2,
        min_entropy=ENTROPY_THRESHOLD,
    ),
)

_PLACEHOLDER = re.compile(
    r"(?i)\$\{|\{\{|%\(|<[a-z_-]+>|x{6,}|\*{4,}|example|changeme|placeholder|your[_-]|dummy"
)
# Long base64/hex runs in other tools' snippets: redacted even when no pattern names them.
_LONG_OPAQUE = re.compile(r"[A-Za-z0-9+/_=-]{32,}")

HELP = (
    "Remove the secret from the code and from the repository history, then rotate it: "
    "anyone who could read the repository may have copied it. Load it at run time from the "
    "environment or a secret manager instead."
)


def shannon_entropy(text: str) -> float:
    if not text:
        return 0.0
    counts = Counter(text)
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def redact(secret: str) -> str:
    """At most a 4-character prefix and suffix of a secret, never more than a third of it."""
    if len(secret) >= 24:
        return f"{secret[:4]}****…{secret[-4:]}"
    if len(secret) >= 12:
        return f"{secret[:2]}****"
    return "****"


def redact_text(text: str) -> str:
    """``text`` with every secret any pattern finds, and long opaque tokens, redacted."""
    spans = [
        (start, end)
        # Snippets are short: every pattern, those of settings files included.
        for pattern, start, end in _secret_spans(text, settings_file=True)
        if pattern.rule_id != "secrets.private-key"  # the header line itself is not secret
    ]
    for match in _LONG_OPAQUE.finditer(text):
        if shannon_entropy(match.group(0)) >= ENTROPY_THRESHOLD:
            spans.append(match.span())
    if not spans:
        return text
    spans.sort()
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        pieces.append(redact(text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _generic_secret(text: str, match: re.Match[str], secret: str, pattern: SecretPattern) -> bool:
    if shannon_entropy(secret) < pattern.min_entropy or _PLACEHOLDER.search(secret):
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[max(line_start, match.start() - 80) : match.start()]
    return _SECRET_NAME.search(before) is not None


def detect(text: str, *, settings_file: bool = False) -> list[RawFinding]:
    """Secrets in one file's text, with redacted messages and snippets; ``settings_file``: the
    file is a ``.env`` or properties file (:func:`is_settings_file`)."""
    spans: list[tuple[SecretPattern, int, int]] = []
    for pattern, start, end in _secret_spans(text, settings_file=settings_file):
        if any(s <= start < e for _, s, e in spans):
            continue  # already reported by a more specific pattern
        spans.append((pattern, start, end))
    if not spans:  # most files: their lines are never needed
        return []
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    lines = text.split("\n")
    return [
        _finding(pattern, text[start:end], start, end, line_starts, lines)
        for pattern, start, end in spans
    ]


def _secret_spans(text: str, *, settings_file: bool) -> Iterator[tuple[SecretPattern, int, int]]:
    for pattern in PATTERNS:
        if pattern.settings_only and not settings_file:
            continue
        if pattern.prefilter and not any(word in text for word in pattern.prefilter):
            continue
        for match in pattern.regex.finditer(text):
            secret = match.group(pattern.group)
            if pattern.min_entropy and not _generic_secret(text, match, secret, pattern):
                continue
            if pattern.accept is not None and not pattern.accept(match):
                continue
            start, end = match.span(pattern.group)
            yield pattern, start, end


def _finding(
    pattern: SecretPattern,
    secret: str,
    start: int,
    end: int,
    line_starts: list[int],
    lines: list[str],
) -> RawFinding:
    start_line = bisect.bisect_right(line_starts, start)
    end_line = bisect.bisect_right(line_starts, max(end - 1, start))
    start_col = start - line_starts[start_line - 1] + 1
    end_col = end - line_starts[end_line - 1] + 1
    line = lines[start_line - 1]
    shown = redact(secret) if pattern.rule_id != "secrets.private-key" else secret
    snippet = line.replace(secret, shown) if pattern.rule_id != "secrets.private-key" else line
    snippet = redact_text(snippet.strip())[:SNIPPET_MAX_CHARS]
    return RawFinding(
        tool=TOOL,
        rule_id=pattern.rule_id,
        severity=pattern.severity,
        message=f"{pattern.title} in the code: {shown}",
        start_line=start_line,
        start_column=start_col,
        end_line=end_line,
        end_column=max(end_col, 1),
        cwe=["CWE-798"],
        owasp=["A07:2021 - Identification and Authentication Failures"],
        confidence=pattern.confidence,
        help=HELP,
        help_uri="https://cwe.mitre.org/data/definitions/798.html",
        snippet=snippet,
        digest=code_digest(lines, start_line, start_line),
    )
