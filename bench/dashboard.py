"""Dashboard benchmark: 1,000,000 findings across 1,000 repositories, then the latency of the
overview page, a repository page, the findings list, a finding's page and the charts' data,
through the real server.

Starts embedded PostgreSQL and Redis in ``--data-dir`` (seeded once with COPY, then reused),
logs a member in who can access every installation (the worst case: every finding is
visible), and requests each page sequentially. Prints p50/p95/p99 per request; the goal is
p99 ≤ 50 ms.

    python bench/dashboard.py --findings 1000000 --repositories 1000 --requests 300
    python bench/dashboard.py --data-dir /tmp/vibe-dash --only "group by"   # some rows only

The finding page reads its code from a real mirror: the benchmark commits a real module (one
of aiohttp's, as installed) into the mirror of the middle repository and points one finding
at a line of it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg  # type: ignore[import-untyped,unused-ignore]
import pygit2
from aiohttp.test_utils import TestServer
from pydantic import SecretStr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.agents.scanner.scan import scan  # noqa: E402
from app.mirror_reads import mirror_path  # noqa: E402
from app.runtime.context import open_context  # noqa: E402
from app.runtime.services import EmbeddedPostgres, EmbeddedRedis  # noqa: E402
from app.search.query import SEVERITIES  # noqa: E402
from app.server import create_app, settle_collector  # noqa: E402
from app.settings import Settings  # noqa: E402
from dashboard.state import DASHBOARD_KEY  # noqa: E402

REPOS_PER_INSTALLATION = 10
GOAL_MS = 50.0
RULES = [
    ("semgrep", "python.sql-injection-format", "error", "SQL query built with string formatting"),
    ("semgrep", "python.eval-exec", "error", "eval or exec of data that may come from a user"),
    ("semgrep", "python.weak-hash", "warning", "md5 or sha1 used where a strong hash is needed"),
    ("semgrep", "python.requests-verify-false", "warning", "TLS certificate checks disabled"),
    ("semgrep", "javascript.inner-html", "warning", "innerHTML assigned from a variable"),
    ("semgrep", "javascript.eval", "error", "eval of a dynamic string"),
    ("semgrep", "go.tls-insecure-skip-verify", "error", "InsecureSkipVerify set to true"),
    ("semgrep", "dockerfile.latest-tag", "note", "image pinned to the latest tag"),
    ("semgrep", "kubernetes.run-as-root", "warning", "container may run as root"),
    ("bandit", "B105", "note", "possible hardcoded password string"),
    ("bandit", "B602", "error", "subprocess call with shell=True"),
    ("secrets", "aws-access-key", "error", "an AWS access key id is committed"),
]
DIRS = ["src", "lib", "app", "pkg", "cmd", "internal", "web", "api", "tests", "scripts"]
SUBDIRS = ["db", "auth", "handlers", "models", "utils", "views", "jobs", "cache", "client", "core"]
FILES = ["query", "login", "server", "routes", "session", "tasks", "store", "render", "config"]
EXTS = [".py", ".js", ".go", ".ts"]


def _rows(project_id: int, count: int, now: datetime, rng: random.Random) -> list[tuple[Any, ...]]:
    rows = []
    scan_at = now - timedelta(hours=1)
    for index in range(count):
        tool, rule, severity, message = rng.choice(RULES)
        path = (
            f"{rng.choice(DIRS)}/{rng.choice(SUBDIRS)}/{rng.choice(FILES)}{index % 97}"
            f"{rng.choice(EXTS)}"
        )
        first_seen = scan_at - timedelta(days=rng.randrange(0, 90)) if index % 5 else scan_at
        fixed = now - timedelta(days=1) if index % 10 == 0 else None
        line = rng.randrange(1, 2000)
        rows.append(
            (
                project_id,
                f"{project_id}-{index}",
                tool,
                rule,
                severity,
                message,
                path,
                line,
                line + 2,
                first_seen,
                first_seen,
                fixed,
            )
        )
    return rows


async def seed(dsn: str, repositories: int, findings: int) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        if await conn.fetchval("SELECT count(*) FROM projects") >= repositories:
            print("using the data seeded before", file=sys.stderr)
            return
        started = time.perf_counter()
        installations = max(1, repositories // REPOS_PER_INSTALLATION)
        now = datetime.now(UTC)
        await conn.copy_records_to_table(
            "installations",
            columns=["id", "account_login", "account_type"],
            records=[(i, f"org{i}", "Organization") for i in range(1, installations + 1)],
        )
        await conn.copy_records_to_table(
            "repositories",
            columns=["id", "installation_id", "full_name", "default_branch"],
            records=[
                (
                    r,
                    (r - 1) // REPOS_PER_INSTALLATION + 1,
                    f"org{(r - 1) // 10 + 1}/repo{r}",
                    "main",
                )
                for r in range(1, repositories + 1)
            ],
        )
        rng = random.Random(7)
        await conn.copy_records_to_table(
            "projects",
            columns=[
                "id",
                "repository_id",
                "name",
                "health_score",
                "last_scan_sha",
                "last_scan_at",
            ],
            records=[
                (
                    r,
                    r,
                    f"repo{r}",
                    round(rng.uniform(0.3, 1.0), 2),
                    "a" * 40,
                    now - timedelta(hours=1),
                )
                for r in range(1, repositories + 1)
            ],
        )
        await conn.copy_records_to_table(
            "scans",
            columns=["repository_id", "kind", "commit_sha", "health_score", "created_at"],
            records=[
                (
                    r,
                    "baseline",
                    f"{r:08d}{day:032d}",
                    round(rng.uniform(0.3, 1.0), 2),
                    now - timedelta(days=day),
                )
                for r in range(1, repositories + 1)
                for day in range(1, 6)
            ],
        )
        per_repo = findings // repositories
        columns = [
            "project_id",
            "fingerprint",
            "tool",
            "rule_id",
            "severity",
            "message",
            "path",
            "start_line",
            "end_line",
            "first_seen_at",
            "last_seen_at",
            "fixed_at",
        ]
        await conn.execute("SET maintenance_work_mem = '256MB'")
        for first in range(1, repositories + 1, 50):
            batch: list[tuple[Any, ...]] = []
            for project_id in range(first, min(first + 50, repositories + 1)):
                batch += _rows(project_id, per_repo, now, rng)
            await conn.copy_records_to_table("findings", columns=columns, records=batch)
        await conn.execute("VACUUM ANALYZE")
        print(
            f"seeded {per_repo * repositories} findings in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    finally:
        await conn.close()


async def real_baselines(conn: asyncpg.Connection) -> None:
    """Give every baseline what a scan stores (once; a database seeded before gets them too):
    the scanner's report of this checkout (real files and manifests, about 70 KB of JSON, so
    that reading one field of it costs what it costs in production), the configuration with
    its ``fail_on``, and counts by state and severity near the project's open findings, which
    the charts sum."""
    if not await conn.fetchval("SELECT count(*) FROM scans WHERE report = '{}'::jsonb"):
        return
    started = time.perf_counter()
    scanned = scan(ROOT).model_dump(mode="json")
    rng = random.Random(11)
    sums = ", ".join(
        f"COALESCE(sum(findings) FILTER (WHERE severity = '{s}'), 0) AS {s}" for s in SEVERITIES
    )
    totals = await conn.fetch(
        f"SELECT project_id, {sums} FROM finding_totals WHERE NOT fixed GROUP BY project_id"  # noqa: S608
    )
    open_by_project = {row["project_id"]: row for row in totals}
    updates = []
    for row in await conn.fetch(
        "SELECT s.id, p.id AS project_id FROM scans s "
        "JOIN projects p ON p.repository_id = s.repository_id WHERE s.report = '{}'::jsonb"
    ):
        current = open_by_project.get(row["project_id"])
        counts: dict[str, dict[str, int]] = {
            state: dict.fromkeys(SEVERITIES, 0) for state in ("new", "unchanged", "fixed")
        }
        counts["ignored"] = dict.fromkeys(SEVERITIES, 0)
        for severity in SEVERITIES:
            total = int(current[severity]) if current else 0
            new = rng.randint(0, max(1, total // 50))
            counts["new"][severity] = new
            counts["unchanged"][severity] = max(0, total - new + rng.randint(-20, 20))
            counts["fixed"][severity] = rng.randint(0, max(1, total // 40))
        fail_on = rng.choice(["error", "warning", "note", "none"])
        report = {
            "scan": scanned,
            "vulnerabilities": None,
            "config": {"source": ".github/vibe.yml", "values": {"fail_on": fail_on}},
        }
        updates.append((row["id"], json.dumps(counts), json.dumps(report)))
    await conn.executemany(
        "UPDATE scans SET counts = $2::jsonb, report = $3::jsonb WHERE id = $1", updates
    )
    await conn.execute("VACUUM ANALYZE scans")
    print(
        f"gave {len(updates)} baselines real reports in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )


async def login_member(pool: asyncpg.Pool, installations: int, repositories: int) -> str:
    """A member who reads every repository: each search then names all of them."""
    secret = "bench-session-secret-value"  # noqa: S105 - the bench's own session
    await pool.execute(
        "INSERT INTO dashboard_users (id, login, installation_ids, repository_ids, "
        "access_checked_at) VALUES (1, 'bench', $1, $2, now()) ON CONFLICT (id) DO UPDATE SET "
        "installation_ids = EXCLUDED.installation_ids, repository_ids = EXCLUDED.repository_ids, "
        "access_checked_at = now()",
        list(range(1, installations + 1)),
        list(range(1, repositories + 1)),
    )
    await pool.execute("DELETE FROM dashboard_sessions")
    from app.store.dashboard_users import create_session

    await create_session(pool, secret=secret, user_id=1, csrf_token="x", lifetime_s=86_400)  # noqa: S106
    return secret


async def ignore_some(pool: asyncpg.Pool, repositories: int) -> None:
    """A few hundred active ignores, as teams set findings aside: the Ignored tab's rows."""
    await pool.execute(
        "INSERT INTO ignores (repository_id, fingerprint, reason, created_by) "
        "SELECT r, r || '-' || i, 'accepted risk', 'bench' "
        "FROM generate_series(1, $1) AS r, generate_series(1, 3) AS i "
        "ON CONFLICT DO NOTHING",
        repositories,
    )
    await pool.execute("ANALYZE ignores")


async def finding_with_code(
    pool: asyncpg.Pool, data_dir: Path, web_url: str, repository: int
) -> int:
    """One finding of ``repository`` pointed at line 400 of a real module committed into the
    repository's mirror, where the finding page reads it; its id."""
    source = Path(aiohttp.__file__).with_name("web_urldispatcher.py")
    full_name = await pool.fetchval("SELECT full_name FROM repositories WHERE id = $1", repository)
    mirror = mirror_path(data_dir / "mirrors", web_url, full_name)
    repo = pygit2.init_repository(str(mirror), bare=True)
    tree = repo.TreeBuilder()
    blob = repo.create_blob(source.read_bytes())
    folder = repo.TreeBuilder()
    folder.insert("web_urldispatcher.py", blob, pygit2.GIT_FILEMODE_BLOB)
    tree.insert("src", folder.write(), pygit2.GIT_FILEMODE_TREE)
    who = pygit2.Signature("bench", "bench@example.com")
    main = repo.references.get("refs/heads/main")  # from an earlier run
    sha = repo.create_commit(
        "refs/heads/main", who, who, "bench", tree.write(), [main.target] if main else []
    )
    finding_id: int = await pool.fetchval(
        "UPDATE findings SET commit_sha = $2, path = 'src/web_urldispatcher.py', "
        "start_line = 400, end_line = 402 WHERE id = (SELECT min(f.id) FROM findings f "
        "JOIN projects p ON p.id = f.project_id WHERE p.repository_id = $1) RETURNING id",
        repository,
        str(sha),
    )
    return finding_id


def list_cases(repository: int) -> list[tuple[str, str]]:
    """The findings list as a user works through it: each tab with its counts, each sort
    both ways, groups, and a page deep in the keyset (followed through next_cursor)."""
    cases = [
        ("list API, open tab + counts", "/api/v1/findings?state=open"),
        ("list API, fixed tab + counts", "/api/v1/findings?state=fixed"),
        ("list API, ignored tab + counts", "/api/v1/findings?state=ignored"),
        ("list page (HTML), open tab", "/findings?state=open"),
        ("list page (HTML), severity sort", "/findings?state=open&sort=severity"),
    ]
    for sort in ("severity", "age", "rule", "path"):
        for order in ("asc", "desc"):
            cases.append(
                (
                    f"list API, sort {sort} {order}",
                    f"/api/v1/findings?state=open&sort={sort}&order={order}",
                )
            )
    cases += [
        ("list API, group by rule", "/api/v1/findings?state=open&group_by=rule"),
        ("list API, group by file", "/api/v1/findings?state=open&group_by=file"),
        ("list API, fixed, group by rule", "/api/v1/findings?state=fixed&group_by=rule"),
        ("list API, word, group by rule", "/api/v1/findings?q=tls&state=open&group_by=rule"),
        ("list API, word, group by file", "/api/v1/findings?q=tls&state=open&group_by=file"),
        (
            "list API, open, one repository",
            f"/api/v1/findings?state=open&repository_id={repository}",
        ),
        ("list API, open, severity=error", "/api/v1/findings?state=open&severity=error"),
    ]
    return cases


async def deep_cursor(session: aiohttp.ClientSession, path: str, pages: int) -> str:
    """The URL of the page ``pages`` deep, followed through next_cursor."""
    url = path
    for _ in range(pages):
        async with session.get(url) as response:
            body = await response.json()
        url = f"{path}&cursor={body['next_cursor']}"
    return url


async def measure(session: aiohttp.ClientSession, url: str, requests: int) -> list[float]:
    for _ in range(10):
        async with session.get(url) as response:
            await response.read()
            if response.status != 200:
                raise SystemExit(f"{url}: HTTP {response.status}: {(await response.text())[:300]}")
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        async with session.get(url) as response:
            await response.read()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def run(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="vibe-bench-dash-"))
    postgres = EmbeddedPostgres(data_dir / "postgres")
    redis = EmbeddedRedis(data_dir / "redis")
    dsn, redis_url = postgres.start(), redis.start()
    try:
        settings = Settings(
            session_secret=SecretStr("b" * 48),
            api_rate_limit=1_000_000,
            database_url=dsn,
            redis_url=redis_url,
            data_dir=data_dir,
        )
        async with open_context(settings, database_url=dsn, redis_url=redis_url) as context:
            await seed(dsn, args.repositories, args.findings)
            async with context.pool.acquire() as conn:
                await real_baselines(conn)
            installations = max(1, args.repositories // REPOS_PER_INSTALLATION)
            secret = await login_member(context.pool, installations, args.repositories)
            await ignore_some(context.pool, args.repositories)
            app = create_app(context)
            server = TestServer(app)
            await server.start_server()
            settle_collector()  # as `vibe serve` does once it listens
            cookie = app[DASHBOARD_KEY].sign(secret)
            repository = args.repositories // 2
            finding = await finding_with_code(
                context.pool, data_dir, app[DASHBOARD_KEY].endpoints.web_url, repository
            )
            cases = [
                ("overview page", "/"),
                ("overview API (totals, charts' data)", "/api/v1/overview"),
                ("overview page, one installation", "/?installation_id=1"),
                ("repository page", f"/repositories/{repository}"),
                (
                    "repository trends API (charts' data)",
                    f"/api/v1/repositories/{repository}/trends",
                ),
                ("finding page (HTML, code from the mirror)", f"/findings/{finding}"),
                ("finding API", f"/api/v1/findings/{finding}"),
                ("findings page (HTML), no filter", "/findings"),
                ("search API, no filter", "/api/v1/findings"),
                ("search API, text", "/api/v1/findings?q=tls"),
                ("search API, path prefix", "/api/v1/findings?q=internal/auth"),
                ("search API, text matching nothing", "/api/v1/findings?q=kubernetesx"),
                ("search API, rare text", "/api/v1/findings?q=query17"),
                (
                    "search API, text+severity+state",
                    "/api/v1/findings?q=eval&severity=error&state=new",
                ),
                # Filters the planner takes as independent: "tls" never comes with a note.
                (
                    "search API, word + severity never with it",
                    "/api/v1/findings?q=tls&severity=note",
                ),
                (
                    "search API, word in one repository",
                    f"/api/v1/findings?q=tls&repository_id={repository}",
                ),
                (
                    "search API, repository+rule",
                    f"/api/v1/findings?repository_id={repository}&rule=B105",
                ),
                (
                    "search API, rare rule, all repos",
                    "/api/v1/findings?rule=aws-access-key&state=fixed",
                ),
                *list_cases(repository),
            ]
            results = []
            async with aiohttp.ClientSession(
                base_url=str(server.make_url("/")), cookies={"vibe_session": cookie}
            ) as session:
                for sort in ("newest", "severity", "path"):
                    base = f"/api/v1/findings?state=open&sort={sort}&limit=50"
                    deep = await deep_cursor(session, base, 100)
                    cases.append((f"list API, {sort}, page 101", deep))
                    async with session.get(deep) as response:
                        body = await response.json()
                    back = f"{base}&cursor={body['prev_cursor']}"
                    cases.append((f"list API, {sort}, back to page 100", back))
                for name, path in cases:
                    if args.only and not any(part in name for part in args.only):
                        continue
                    timings = await measure(session, path, args.requests)
                    results.append((name, timings))
                    # As it goes: a slow row shows before the whole table is done.
                    print(f"{name}: p99 {percentile(timings, 99):.1f} ms", file=sys.stderr)
            await server.close()
    finally:
        redis.stop()
        postgres.stop()
    print(
        f"\n{args.findings:,} findings, {args.repositories:,} repositories, "
        f"{args.requests} sequential requests each (ms)"
    )
    print(f"{'request':<40} {'p50':>7} {'p95':>7} {'p99':>7} {'mean':>7}  goal p99 ≤ {GOAL_MS:.0f}")
    failed = 0
    for name, timings in results:
        p99 = percentile(timings, 99)
        ok = p99 <= GOAL_MS
        failed += not ok
        print(
            f"{name:<40} {percentile(timings, 50):7.1f} {percentile(timings, 95):7.1f} "
            f"{p99:7.1f} {statistics.fmean(timings):7.1f}  {'ok' if ok else 'MISSED'}"
        )
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--findings", type=int, default=1_000_000, help="findings to seed")
    parser.add_argument("--repositories", type=int, default=1_000, help="across this many")
    parser.add_argument("--requests", type=int, default=300, help="sequential requests per row")
    parser.add_argument("--data-dir", help="keep the seeded database here between runs")
    parser.add_argument(
        "--only", action="append", help="measure only the rows whose name holds this (repeatable)"
    )
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
