"""A realistic data set on top of the dashboard fixture's (tests/dashboard/conftest.py): a third
installation (acme, 3) with two repositories, so 3 installations and 7 repositories in all (the
fixture's two GitLab projects among them), 30 days of baseline scans for each, about 2,000
findings across severities, tools and rules (some fixed, some ignored, one message of hostile
markup), jobs in every state, notification targets and deliveries, token usage and an audit
trail. What the page-quality tests measure the pages against."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from app.notify.targets import NotifyTarget
from app.reporting.summary import FindingCounts
from app.store import audit, job_log, notifications
from app.store.job_log import LogLine

ACME = 3
ACME_REPOS = ((301, "acme/web"), (302, "acme/api"))
DAYS = 30
FINDINGS_PER_REPOSITORY = 290  # seven repositories: about 2,000 findings
RULES = (
    ("semgrep", "python.sql-injection-format", "error", "SQL built with string formatting"),
    ("semgrep", "python.eval-exec", "error", "eval of untrusted input"),
    ("semgrep", "python.subprocess-shell-true", "error", "subprocess called with shell=True"),
    ("semgrep", "python.weak-hash", "warning", "md5 used for hashing"),
    ("semgrep", "python.requests-no-timeout", "warning", "request without a timeout"),
    ("semgrep", "javascript.eval", "error", "eval of user data"),
    ("semgrep", "javascript.innerhtml", "warning", "innerHTML assigned from a variable"),
    ("bandit", "B105", "note", "hardcoded password string"),
    ("bandit", "B311", "note", "random is not suitable for security"),
    ("bandit", "B608", "warning", "possible SQL injection vector"),
    ("gitleaks", "aws-access-token", "error", "AWS access key in source"),
    ("gitleaks", "generic-api-key", "warning", "generic API key"),
    ("ruff", "S113", "note", "probable use of requests call without timeout"),
    ("ruff", "S324", "warning", "insecure hash function"),
    ("osv", "GHSA-xxxx-django", "error", "django 5.0.1 has a known vulnerability"),
)
DIRECTORIES = ("src/api", "src/db", "src/tools", "lib", "web/static/js", "tests")
JOB_STATES = ("queued", "running", "retrying", "succeeded", "skipped", "failed")
JOB_KINDS = ("pr_check", "push_scan", "deploy", "docs", "review")


def _sha(*parts: object) -> str:
    return hashlib.sha1("-".join(map(str, parts)).encode()).hexdigest()


async def seed_realistic(pool: Any, gitlab_keys: tuple[int, ...]) -> None:
    rng = random.Random(20)  # the same data set every run
    now = datetime.now(UTC)
    await pool.execute(
        "INSERT INTO installations (id, account_login, account_type) "
        "VALUES ($1, 'acme', 'Organization')",
        ACME,
    )
    for repository_id, full_name in ACME_REPOS:
        await pool.execute(
            "INSERT INTO repositories (id, installation_id, full_name, default_branch) "
            "VALUES ($1, $2, $3, 'main')",
            repository_id,
            ACME,
            full_name,
        )
        await pool.execute(
            "INSERT INTO projects (repository_id, name) VALUES ($1, $2)", repository_id, full_name
        )
    repositories = [101, 102, 201, *(r for r, _ in ACME_REPOS), *gitlab_keys]
    for repository_id in repositories:
        await _scans_and_findings(pool, rng, now, repository_id)
    await _jobs(pool, rng, now)
    await _notifications(pool, now)
    await _usage_and_audit(pool, now)


async def _scans_and_findings(pool: Any, rng: random.Random, now: datetime, key: int) -> None:
    project_id = await pool.fetchval("SELECT id FROM projects WHERE repository_id = $1", key)
    rows = []
    for number in range(FINDINGS_PER_REPOSITORY):
        tool, rule, severity, message = RULES[rng.randrange(len(RULES))]
        if key == 102 and number == 0:
            message = '<img src=x onerror="alert(1)"> in a </td> message & more'
        first_seen = now - timedelta(days=rng.uniform(0, DAYS), hours=1)
        fixed = first_seen + timedelta(days=rng.uniform(0, 5)) if rng.random() < 0.25 else None
        start = rng.randrange(1, 400)
        rows.append(
            (
                project_id,
                f"fp-{key}-{number}",
                tool,
                rule,
                severity,
                message,
                f"{rng.choice(DIRECTORIES)}/module_{rng.randrange(40)}.py",
                start,
                start + rng.randrange(3),
                _sha(key, "head"),
                first_seen,
                fixed if fixed is None or fixed < now else now,
            )
        )
    await pool.executemany(
        "INSERT INTO findings (project_id, fingerprint, tool, rule_id, severity, message, path, "
        "start_line, end_line, commit_sha, first_seen_at, last_seen_at, fixed_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), $12)",
        rows,
    )
    ignored = [row[1] for row in rows[10:22]]
    await pool.executemany(
        "INSERT INTO ignores (repository_id, fingerprint, reason, created_by, until) "
        "VALUES ($1, $2, $3, 'alice', $4) ON CONFLICT DO NOTHING",
        [
            (key, fingerprint, "test fixture, not shipped", (now + timedelta(days=30)).date())
            for fingerprint in ignored
        ],
    )
    scans = []
    for day in range(DAYS, 0, -1):
        counts = FindingCounts()
        counts.unchanged.error = rng.randrange(20, 60)
        counts.unchanged.warning = rng.randrange(30, 90)
        counts.unchanged.note = rng.randrange(10, 50)
        counts.new.error = rng.randrange(0, 4)
        counts.fixed.warning = rng.randrange(0, 6)
        health = round(min(0.95, 0.5 + (DAYS - day) / 100 + rng.uniform(-0.05, 0.05)), 2)
        scans.append(
            (key, _sha(key, day), health, counts.model_dump_json(), now - timedelta(days=day))
        )
    await pool.executemany(
        "INSERT INTO scans (repository_id, kind, commit_sha, ref, health_score, counts, "
        "created_at) VALUES ($1, 'baseline', $2, 'main', $3, $4::jsonb, $5) "
        "ON CONFLICT DO NOTHING",
        scans,
    )
    await pool.execute(
        "UPDATE projects SET health_score = $2, last_scan_sha = $3, last_scan_at = $4 "
        "WHERE id = $1",
        project_id,
        scans[-1][2],
        _sha(key, "head"),
        now - timedelta(hours=2),
    )


async def _jobs(pool: Any, rng: random.Random, now: datetime) -> None:
    owners = ((1, "octo/app"), (1, "octo/lib"), (2, "other/secret"), (ACME, "acme/web"))
    rows = []
    for number in range(36):
        installation_id, full_name = owners[number % len(owners)]
        state = JOB_STATES[number % len(JOB_STATES)]
        kind = JOB_KINDS[number % len(JOB_KINDS)]
        created = now - timedelta(minutes=number * 17)
        started = created + timedelta(seconds=3) if state != "queued" else None
        done = state in ("succeeded", "skipped", "failed")
        rows.append(
            (
                f"{kind}:seed-{number}",
                kind,
                installation_id,
                full_name,
                state,
                json.dumps({"head_sha": _sha(number), "ref": "main"}),
                "CloneError: the mirror fetch timed out after 120 s" if state == "failed" else None,
                1 + number % 3 if state in ("retrying", "failed") else 1,
                created,
                started,
                created + timedelta(seconds=rng.randrange(20, 400)) if done else None,
            )
        )
    await pool.executemany(
        "INSERT INTO jobs (job_id, kind, installation_id, repository_full_name, status, input, "
        "error, attempts, created_at, started_at, completed_at) "
        "VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)",
        rows,
    )
    await pool.executemany(
        "INSERT INTO job_steps (job_id, step, result) VALUES ($1, $2, '{}'::jsonb)",
        [(row[0], step) for row in rows if row[4] == "succeeded" for step in ("fetch", "analyze")],
    )
    await _job_log(pool, "pr_check:seed-5", rows[5][9] or now)
    await pool.executemany(
        "INSERT INTO check_runs (repository_id, head_sha, name, status, conclusion, pull_number) "
        "VALUES ($1, $2, 'VibeIntelligence', 'completed', $3, $4)",
        [
            (repository, _sha("pr", repository, n), "failure" if n % 2 else "success", 10 + n)
            for repository in (101, 102, 301)
            for n in range(4)
        ],
    )


async def _job_log(pool: Any, job_id: str, started: datetime) -> None:
    """The failed job's log lines: three attempts, the last one failing, with a long line."""
    long_path = "src/" + "/".join(f"module_{n}" for n in range(30)) + "/handlers.py"
    for attempt in (1, 2, 3):
        at = started + timedelta(minutes=2 * (attempt - 1))
        lines = [
            LogLine(at, "info", "job started", {"attempt": attempt, "job_try": attempt}),
            LogLine(at + timedelta(seconds=1), "info", "mirror fetch", {"path": long_path}),
        ]
        last = "job failed" if attempt == 3 else "job will be retried"
        lines.append(
            LogLine(
                at + timedelta(seconds=120),
                "error" if attempt == 3 else "warning",
                last,
                {"error": "CloneError: the mirror fetch timed out after 120 s", "defer_s": 5.0},
            )
        )
        await job_log.write(pool, job_id, attempt, lines)


async def _notifications(pool: Any, now: datetime) -> None:
    webhook = NotifyTarget(type="webhook", url="https://ci.example.com/hooks/vibe", secret="hook")
    slack = NotifyTarget(type="slack", url_secret="slack-alerts", events=["check_failed"])
    for installation_id in (1, ACME):
        await notifications.add_target(pool, installation_id, "ci-hook", webhook)
        await notifications.add_target(pool, installation_id, "alerts", slack)
    states = ("delivered", "pending", "dead")
    for number in range(18):
        state = states[number % 3]
        row_id = await pool.fetchval(
            "INSERT INTO notification_deliveries (dedup_key, event, installation_id, "
            "repository_id, repository_full_name, source, target_type, target, payload, state, "
            "attempts, last_status, last_error, created_at, delivered_at) "
            "VALUES ($1, $2, $3, $4, $5, 'installation', 'webhook', $6::jsonb, '{}'::jsonb, $7, "
            "$8, $9, $10, $11, $12) RETURNING id",
            f"seed-{number}",
            ("scan_complete", "check_failed", "deployment_ready")[number % 3],
            1 if number % 2 else ACME,
            101 if number % 2 else 301,
            "octo/app" if number % 2 else "acme/web",
            webhook.model_dump_json(),
            state,
            {"delivered": 1, "pending": 0, "dead": 5}[state],
            {"delivered": 200, "pending": None, "dead": 502}[state],
            "502 Bad Gateway from ci.example.com" if state == "dead" else None,
            now - timedelta(hours=number),
            now - timedelta(hours=number) if state == "delivered" else None,
        )
        if state != "pending":
            await pool.execute(
                "INSERT INTO notification_attempts (delivery_id, attempt, status, error, "
                "duration_ms) VALUES ($1, 1, $2, $3, 140)",
                row_id,
                200 if state == "delivered" else 502,
                None if state == "delivered" else "502 Bad Gateway",
            )


async def _usage_and_audit(pool: Any, now: datetime) -> None:
    await pool.executemany(
        "INSERT INTO llm_usage (installation_id, day, model, tokens, calls) "
        "VALUES ($1, $2, $3, $4, $5)",
        [
            (installation_id, now.date(), model, tokens, calls)
            for installation_id, model, tokens, calls in (
                (1, "gpt-4o-mini", 67995, 41),
                (1, "claude-haiku", 12004, 9),
                (ACME, "gpt-4o-mini", 1_250_300, 388),
            )
        ],
    )
    actions = (
        ("alice", "ignore.created", 101, "fp-101-10"),
        ("app", "check_run.created", 101, "9001"),
        ("root", "notification_target.created", None, "ci-hook"),
        ("system", "retention.pruned", None, "findings"),
        ("bob", "scan.requested", 201, "main"),
        ("app", "comment.updated", 302, "pull/12"),
    )
    for number in range(30):
        actor, action, repository_id, target = actions[number % len(actions)]
        await audit.record(
            pool,
            actor=actor,
            action=action,
            installation_id=ACME if repository_id in (301, 302) else 1,
            repository_id=repository_id,
            target=target,
            details={"seq": number},
        )
