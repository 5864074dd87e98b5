-- What the agents produce: projects and their health, findings, check runs, deployments,
-- and an audit log of what the App did on whose behalf.

CREATE TABLE projects (
    id            BIGSERIAL PRIMARY KEY,
    repository_id BIGINT NOT NULL UNIQUE REFERENCES repositories (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    tech_stack    JSONB NOT NULL DEFAULT '{}'::jsonb,
    health_score  NUMERIC(3, 2) CHECK (health_score BETWEEN 0 AND 1),
    last_scan_sha TEXT,
    last_scan_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX projects_health_idx ON projects (health_score);

CREATE TABLE findings (
    id             BIGSERIAL PRIMARY KEY,
    project_id     BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    job_id         TEXT REFERENCES jobs (job_id) ON DELETE SET NULL,
    fingerprint    TEXT NOT NULL,
    tool           TEXT NOT NULL,
    rule_id        TEXT NOT NULL,
    severity       TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'note')),
    message        TEXT NOT NULL,
    path           TEXT NOT NULL,
    start_line     INTEGER NOT NULL,
    end_line       INTEGER NOT NULL,
    commit_sha     TEXT,
    details        JSONB NOT NULL DEFAULT '{}'::jsonb,
    first_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    fixed_at       TIMESTAMPTZ,
    UNIQUE (project_id, fingerprint)
);
CREATE INDEX findings_open_idx ON findings (project_id, severity) WHERE fixed_at IS NULL;
CREATE INDEX findings_rule_idx ON findings (rule_id);

CREATE TABLE check_runs (
    id              BIGSERIAL PRIMARY KEY,
    github_id       BIGINT UNIQUE,                    -- null until GitHub answered
    repository_id   BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    job_id          TEXT REFERENCES jobs (job_id) ON DELETE SET NULL,
    head_sha        TEXT NOT NULL,
    name            TEXT NOT NULL,
    status          TEXT NOT NULL,                    -- queued, in_progress, completed
    conclusion      TEXT,
    pull_number     INTEGER,
    summary         TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at    TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX check_runs_repository_idx ON check_runs (repository_id, created_at DESC);
CREATE INDEX check_runs_head_idx ON check_runs (repository_id, head_sha);

CREATE TABLE deployments (
    id            BIGSERIAL PRIMARY KEY,
    project_id    BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    job_id        TEXT REFERENCES jobs (job_id) ON DELETE SET NULL,
    environment   TEXT NOT NULL,
    ref           TEXT,
    sha           TEXT NOT NULL,
    status        TEXT NOT NULL,
    url           TEXT,
    details       JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX deployments_project_idx ON deployments (project_id, environment, created_at DESC);

CREATE TABLE audit_log (
    id              BIGSERIAL PRIMARY KEY,
    occurred_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor           TEXT NOT NULL,                    -- a GitHub login, "app" or "system"
    action          TEXT NOT NULL,                    -- e.g. check_run.created, comment.updated
    installation_id BIGINT,
    repository_id   BIGINT,
    target          TEXT,
    job_id          TEXT,
    delivery_id     TEXT,
    details         JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at DESC);
CREATE INDEX audit_log_installation_idx ON audit_log (installation_id, occurred_at DESC);
CREATE INDEX audit_log_repository_idx ON audit_log (repository_id, occurred_at DESC);
