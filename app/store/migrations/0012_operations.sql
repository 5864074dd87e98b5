-- Operations: outgoing notifications (targets, secrets, the delivery outbox and its attempts),
-- stored artifacts (SARIF, scan reports, retention archives).

-- An installation's notification targets (the same model as `.github/vibe.yml` `notify:`).
CREATE TABLE notification_targets (
    id              BIGSERIAL PRIMARY KEY,
    installation_id BIGINT NOT NULL,
    name            TEXT NOT NULL,
    target          JSONB NOT NULL,
    enabled         BOOLEAN NOT NULL DEFAULT true,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (installation_id, name)
);

-- Secrets that targets name (HMAC keys, Slack webhook URLs, Jenkins tokens): never in a
-- repository's configuration, never in a delivery row, read only when a request is sent.
CREATE TABLE notification_secrets (
    installation_id BIGINT NOT NULL,
    name            TEXT NOT NULL,
    value           TEXT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (installation_id, name)
);

-- One row per (event, target): the outbox the sender job drains. `dedup_key` makes emitting
-- idempotent (a retried job inserts nothing new).
CREATE TABLE notification_deliveries (
    id                   BIGSERIAL PRIMARY KEY,
    dedup_key            TEXT NOT NULL UNIQUE,
    event                TEXT NOT NULL
        CHECK (event IN ('scan_complete', 'check_failed', 'deployment_ready', 'deployment_failed')),
    installation_id      BIGINT,
    repository_id        BIGINT,
    repository_full_name TEXT,
    source               TEXT NOT NULL CHECK (source IN ('installation', 'repository')),
    target_type          TEXT NOT NULL,
    target               JSONB NOT NULL,
    payload              JSONB NOT NULL,
    state                TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_until         TIMESTAMPTZ,
    last_status          INTEGER,
    last_error           TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at         TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notification_deliveries_due_idx
    ON notification_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_deliveries_installation_idx
    ON notification_deliveries (installation_id, created_at DESC);

CREATE TABLE notification_attempts (
    delivery_id  BIGINT NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL,
    status       INTEGER,
    error        TEXT,
    duration_ms  INTEGER NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (delivery_id, attempt)
);

-- What was put in artifact storage and whose it is (downloads check the installation).
CREATE TABLE artifacts (
    id              BIGSERIAL PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('sarif', 'scan_report', 'archive')),
    installation_id BIGINT,
    repository_id   BIGINT,
    job_id          TEXT,
    content_type    TEXT NOT NULL,
    size            BIGINT NOT NULL,
    details         JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX artifacts_repository_idx ON artifacts (repository_id, created_at DESC);
CREATE INDEX artifacts_kind_idx ON artifacts (kind, created_at);
