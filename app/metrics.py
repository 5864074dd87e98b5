"""Prometheus metrics, on a registry per application (never the global default) so that two apps
in one process, as in the tests, count separately.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]

# Events GitHub sends that we name in labels; anything else is counted as "other" so that an
# unauthenticated caller cannot grow the label set.
KNOWN_EVENTS: frozenset[str] = frozenset(
    {
        "check_run",
        "check_suite",
        "create",
        "delete",
        "deployment",
        "deployment_status",
        "github_app_authorization",
        "installation",
        "installation_repositories",
        "installation_target",
        "issue_comment",
        "issues",
        "meta",
        "ping",
        "pull_request",
        "pull_request_review",
        "pull_request_review_comment",
        "push",
        "release",
        "repository",
        "status",
        "workflow_run",
    }
)


def event_label(event: str | None) -> str:
    return event if event in KNOWN_EVENTS else "other"


class Metrics:
    """Every metric the server and the workers export."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        self.deliveries = Counter(
            "vibe_webhook_deliveries",
            "Webhook deliveries received, by event and outcome "
            "(accepted, duplicate, ignored, ping, unauthorized, bad_request, too_large, "
            "unavailable).",
            ["event", "outcome"],
            registry=self.registry,
        )
        self.receive_seconds = Histogram(
            "vibe_webhook_receive_seconds",
            "Time from request to answer for webhook deliveries.",
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0),
            registry=self.registry,
        )
        self.enqueue_failures = Counter(
            "vibe_outbox_enqueue_failures",
            "Outbox rows the queue did not accept (left for the sweeper).",
            registry=self.registry,
        )
        self.swept = Counter(
            "vibe_outbox_swept",
            "Outbox rows handed to the queue by the sweeper.",
            registry=self.registry,
        )
        self.outbox_pending = Gauge(
            "vibe_outbox_pending",
            "Outbox rows not yet handed to the queue (as of the last sweep).",
            registry=self.registry,
        )
        self.queue_depth = Gauge(
            "vibe_queue_depth",
            "Jobs waiting in the ARQ queue (as of the last sweep).",
            ["queue"],
            registry=self.registry,
        )
        self.job_seconds = Histogram(
            "vibe_job_duration_seconds",
            "Job run time by job type and final status.",
            ["kind", "status"],
            buckets=(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0),
            registry=self.registry,
        )
        self.job_failures = Counter(
            "vibe_job_failures",
            "Jobs that failed, by job type and whether they will be retried.",
            ["kind", "retried"],
            registry=self.registry,
        )

        self.llm_tokens = Counter(
            "vibe_llm_tokens",
            "Language-model tokens spent by the documentation agent, by model and kind "
            "(prompt, completion).",
            ["model", "kind"],
            registry=self.registry,
        )
        self.llm_calls = Counter(
            "vibe_llm_calls",
            "Language-model requests of the documentation agent, by model and outcome "
            "(ok, cached, failed, over-budget).",
            ["model", "outcome"],
            registry=self.registry,
        )

        # Operations: notifications and retention.
        self.notification_attempts = Counter(
            "vibe_notification_attempts",
            "Outgoing notification attempts, by target type and outcome (delivered, retry, dead).",
            ["type", "outcome"],
            registry=self.registry,
        )
        self.notifications = Gauge(
            "vibe_notifications",
            "Notification deliveries by state (pending, delivered, dead), as of the last send.",
            ["state"],
            registry=self.registry,
        )
        self.retention_archived_rows = Counter(
            "vibe_retention_archived_rows",
            "Rows moved from PostgreSQL to archives, by kind (deliveries, jobs).",
            ["kind"],
            registry=self.registry,
        )
        self.retention_archived_bytes = Counter(
            "vibe_retention_archived_bytes",
            "Compressed bytes written to archives, by kind.",
            ["kind"],
            registry=self.registry,
        )
        self.retention_pruned_archives = Counter(
            "vibe_retention_pruned_archives",
            "Archives deleted after the retention limit.",
            registry=self.registry,
        )
        self.retention_archives = Gauge(
            "vibe_retention_archives",
            "Archives kept in artifact storage (as of the last retention run).",
            registry=self.registry,
        )
        self.retention_archive_bytes = Gauge(
            "vibe_retention_archive_bytes",
            "Total size of the archives kept in artifact storage (as of the last run).",
            registry=self.registry,
        )

    def exposition(self) -> bytes:
        data: bytes = generate_latest(self.registry)
        return data
