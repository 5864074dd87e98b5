-- Core of the GitHub App: who installed us, their repositories, every delivery GitHub sent,
-- the outbox of jobs still to hand to the queue, and the jobs themselves.

CREATE TABLE installations (
    id                   BIGINT PRIMARY KEY,          -- GitHub's installation id
    account_login        TEXT NOT NULL,
    account_id           BIGINT,
    account_type         TEXT,                        -- User or Organization
    app_id               BIGINT,
    repository_selection TEXT,                        -- all or selected
    permissions          JSONB NOT NULL DEFAULT '{}'::jsonb,
    events               TEXT[] NOT NULL DEFAULT '{}',
    suspended_at         TIMESTAMPTZ,
    deleted_at           TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX installations_account_idx ON installations (lower(account_login));

CREATE TABLE repositories (
    id              BIGINT PRIMARY KEY,               -- GitHub's repository id
    installation_id BIGINT REFERENCES installations (id) ON DELETE SET NULL,
    full_name       TEXT NOT NULL,
    private         BOOLEAN NOT NULL DEFAULT false,
    default_branch  TEXT,
    removed_at      TIMESTAMPTZ,                      -- removed from the installation
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX repositories_installation_idx ON repositories (installation_id) WHERE removed_at IS NULL;
-- Not unique: a name is freed by a rename or a deletion and can be taken by another repository.
CREATE INDEX repositories_full_name_idx ON repositories (lower(full_name));

-- Every delivery GitHub sent us, exactly once (its X-GitHub-Delivery id is the key, so a
-- redelivery inserts nothing). No foreign keys: a delivery may name an installation we have
-- not recorded yet, and the receiver must never fail on that.
CREATE TABLE deliveries (
    delivery_id          TEXT PRIMARY KEY,
    event                TEXT NOT NULL,
    action               TEXT,
    installation_id      BIGINT,
    repository_id        BIGINT,
    repository_full_name TEXT,
    payload              JSONB NOT NULL,
    received_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    state                TEXT NOT NULL CHECK (state IN ('queued', 'ignored', 'processed'))
);
-- Stored out of line without compression: pglz on every ~25 kB payload cost more CPU than
-- everything else the receiver does in PostgreSQL, and payloads are written once, read rarely.
ALTER TABLE deliveries ALTER COLUMN payload SET STORAGE EXTERNAL;
CREATE INDEX deliveries_received_idx ON deliveries (received_at DESC);
CREATE INDEX deliveries_repository_idx ON deliveries (repository_id, received_at DESC);
CREATE INDEX deliveries_installation_idx ON deliveries (installation_id, received_at DESC);

-- Written in the same statement as the delivery; the receiver (or, when Redis was down, the
-- sweeper) hands each row to the queue and stamps sent_at. Plain values only, never the payload.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    job_id        TEXT NOT NULL UNIQUE,               -- the ARQ _job_id: "<kind>:<delivery_id>"
    kind          TEXT NOT NULL,
    delivery_id   TEXT NOT NULL REFERENCES deliveries (delivery_id) ON DELETE CASCADE,
    args          JSONB NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ,
    send_attempts INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_delivery_idx ON outbox (delivery_id);

-- One row per job (keyed like the outbox), whatever the number of tries: the durable
-- de-duplication that ARQ's _job_id only gives while a result is kept.
CREATE TABLE jobs (
    id                   BIGSERIAL PRIMARY KEY,
    job_id               TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL,               -- the agent type: pr_check, push_scan, ...
    delivery_id          TEXT,                        -- no FK: a job may come from elsewhere
    installation_id      BIGINT,
    repository_full_name TEXT,
    status               TEXT NOT NULL
        CHECK (status IN ('queued', 'running', 'retrying', 'succeeded', 'skipped', 'failed')),
    input                JSONB NOT NULL,
    output               JSONB,
    error                TEXT,
    attempts             INTEGER NOT NULL DEFAULT 0,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at           TIMESTAMPTZ,
    completed_at         TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX jobs_status_idx ON jobs (status, created_at DESC);
CREATE INDEX jobs_kind_idx ON jobs (kind, created_at DESC);
CREATE INDEX jobs_repository_idx ON jobs (repository_full_name, created_at DESC);
CREATE INDEX jobs_delivery_idx ON jobs (delivery_id);

-- Effects a job has already had (a comment posted, a check run created): a retry reads the
-- recorded result instead of doing it again.
CREATE TABLE job_steps (
    job_id       TEXT NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    step         TEXT NOT NULL,
    result       JSONB,
    completed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, step)
);
