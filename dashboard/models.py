"""Request and response models of ``/api/v1``; the OpenAPI document is generated from these."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from jobs.queue.kinds import JobKind

Severity = Literal["error", "warning", "note"]
State = Literal["new", "unchanged", "fixed", "ignored"]
JobStatus = Literal["queued", "running", "retrying", "succeeded", "skipped", "failed"]
JOB_KINDS: tuple[str, ...] = tuple(sorted(kind.value for kind in JobKind))


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemDetails(ApiModel):
    """RFC 9457 problem details, the body of every error."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None


class Installation(ApiModel):
    id: int
    account_login: str
    account_type: str | None
    repository_selection: str | None
    suspended: bool
    repositories: int


class InstallationList(ApiModel):
    items: list[Installation]


class SeverityCounts(ApiModel):
    error: int = 0
    warning: int = 0
    note: int = 0


class Repository(ApiModel):
    id: int = Field(
        description="Our key: the GitHub repository id, or minus the GitLab project id; the "
        "{repository_id} of every path"
    )
    full_name: str
    forge: Literal["github", "gitlab"] = Field(description="Where the repository lives")
    forge_id: int = Field(description="The forge's own id: GitHub repository or GitLab project")
    web_url: str = Field(description="The repository's (or GitLab project's) page on its forge")
    installation_id: int | None = Field(description="The GitHub App installation; null on GitLab")
    private: bool
    default_branch: str | None
    health_score: float | None = Field(description="0 to 1, from the newest baseline scan")
    previous_health_score: float | None
    trend: Literal["up", "down", "flat"] | None
    open_findings: SeverityCounts
    last_scan_at: datetime | None
    last_scan_sha: str | None


class RepositoryList(ApiModel):
    items: list[Repository]
    next_cursor: str | None


class RuleCount(ApiModel):
    severity: Severity
    tool: str
    rule_id: str
    findings: int


class HealthPoint(ApiModel):
    at: datetime
    health_score: float
    commit_sha: str


class CheckRun(ApiModel):
    id: int
    repository_id: int
    repository: str
    head_sha: str
    name: str
    status: str
    conclusion: str | None
    pull_number: int | None
    created_at: datetime


class DependencyOut(ApiModel):
    name: str
    ecosystem: str
    version: str | None
    scope: str | None
    manifest: str | None


class RepositoryDetail(ApiModel):
    repository: Repository
    languages: list[str]
    frameworks: list[str]
    dependencies: list[DependencyOut]
    findings_by_rule: list[RuleCount]
    health_history: list[HealthPoint]
    check_runs: list[CheckRun]


class ScanRequest(ApiModel):
    sha: str | None = Field(
        default=None,
        pattern="^[0-9a-f]{40}$",
        description="Commit of the default branch to scan; default: the branch's head when the "
        "job runs",
    )


class ScanAccepted(ApiModel):
    job_id: str
    status: JobStatus
    status_url: str


class Job(ApiModel):
    id: int
    job_id: str
    kind: str
    installation_id: int | None
    repository: str | None
    status: JobStatus
    attempts: int
    error: str | None
    head_sha: str | None = Field(
        default=None,
        description="The commit the job works on; a scan of the default branch names the head "
        "it found once it has run",
    )
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None


class JobLogLine(ApiModel):
    attempt: int = Field(description="The attempt that logged it, from 1")
    at: datetime
    level: str = Field(description="debug, info, warning, error or critical")
    event: str
    fields: dict[str, Any] = Field(
        description="The event's other values (secrets redacted, each value cut to 1,000 "
        "characters)"
    )


class JobDetail(Job):
    log: list[JobLogLine] = Field(
        description="What the job logged, attempt by attempt (an attempt keeps its first 400 "
        "and last 100 lines, with a line saying how many were left out); empty for jobs run "
        "before log lines were recorded"
    )


class JobList(ApiModel):
    items: list[Job]
    next_cursor: str | None
    queue_depth: int | None = Field(description="Jobs waiting in the queue (all installations)")


class Finding(ApiModel):
    id: int
    repository_id: int
    repository: str
    installation_id: int | None = Field(description="null for a GitLab project's finding")
    fingerprint: str
    tool: str
    rule_id: str
    severity: Severity
    message: str
    path: str
    start_line: int
    end_line: int
    state: State
    commit_sha: str | None
    first_seen_at: datetime
    last_seen_at: datetime


class FindingCounts(ApiModel):
    """Findings per tab under every filter but the state."""

    open: int = Field(description="neither fixed nor ignored (new or unchanged)")
    fixed: int
    ignored: int = Field(description="set aside by an active ignore of the fingerprint")


class FindingGroup(ApiModel):
    key: str = Field(description="the rule id (group_by=rule) or the file's path (group_by=file)")
    repository_id: int | None = Field(description="the file's repository; null for a rule")
    repository: str | None
    count: int


class FindingList(ApiModel):
    items: list[Finding]
    next_cursor: str | None
    prev_cursor: str | None = Field(
        default=None, description="the page before this one; null on the first page"
    )
    total: int = Field(default=0, description="findings matching every filter and the state")
    counts: FindingCounts = Field(default_factory=lambda: FindingCounts(open=0, fixed=0, ignored=0))
    groups: list[FindingGroup] | None = Field(
        default=None,
        description="with group_by: the largest groups (at most 200) and their counts; "
        "items is then empty",
    )
    lower_bounds: list[Literal["open", "fixed", "ignored", "total", "groups"]] = Field(
        default_factory=list,
        description="the counts (tabs, or the total) that are lower bounds: with a text or "
        'path filter the PostgreSQL search counts matches up to 1,000 per tab; "groups" '
        "when the groups were counted over part of the matches only (those among the newest "
        "20,000 findings, or the first 10,000 read)",
    )
    backend: str


FindingSort = Literal["newest", "severity", "age", "rule", "path"]


class FindingSearchParams(ApiModel):
    q: str = Field(default="", max_length=200, description="Words of the message, rule or path")
    repository_id: list[int] = Field(default_factory=list)
    severity: list[Severity] = Field(default_factory=list)
    rule: str | None = None
    tool: str | None = None
    path: str | None = Field(default=None, max_length=500, description="A path prefix")
    state: list[State | Literal["open"]] = Field(
        default_factory=list,
        description="The tabs open, fixed, ignored (open: new and unchanged), or the finer "
        "new and unchanged; several are or-ed",
    )
    sort: FindingSort = Field(
        default="newest",
        description="newest (by id), severity, age (first seen), rule or path",
    )
    order: Literal["asc", "desc"] | None = Field(
        default=None,
        description="Defaults: desc for newest and severity (most severe first), asc for age "
        "(oldest first), rule and path",
    )
    group_by: Literal["rule", "file"] | None = Field(
        default=None, description="Counts per rule or per file instead of findings"
    )
    cursor: str | None = Field(
        default=None, description="next_cursor or prev_cursor of a page of the same sort"
    )
    limit: int = Field(default=50, ge=1, le=200)


class PageParams(ApiModel):
    cursor: str | None = None
    limit: int = Field(default=50, ge=1, le=200)


class RepositoryListParams(PageParams):
    installation_id: int | None = None


class JobListParams(PageParams):
    status: list[JobStatus] = Field(default_factory=list)
    kind: list[str] = Field(
        default_factory=list,
        description="Only jobs of these kinds (repeat the parameter for several); an unknown "
        "kind is a 400",
        json_schema_extra={"items": {"type": "string", "enum": list(JOB_KINDS)}},
    )


class DeploymentListParams(ApiModel):
    repository_id: int | None = None
    limit: int = Field(default=50, ge=1, le=200)


class Deployment(ApiModel):
    id: int
    repository_id: int
    repository: str
    environment: str
    ref: str | None
    sha: str
    status: str
    url: str | None
    created_at: datetime


class DeploymentList(ApiModel):
    items: list[Deployment]


class AuditEntry(ApiModel):
    id: int
    occurred_at: datetime
    actor: str
    action: str
    installation_id: int | None
    repository_id: int | None
    target: str | None
    job_id: str | None
    details: dict[str, Any]


class AuditList(ApiModel):
    items: list[AuditEntry]
    next_cursor: str | None


class Me(ApiModel):
    login: str
    role: Literal["admin", "member"]
    installation_ids: list[int]
    scopes: list[str]
