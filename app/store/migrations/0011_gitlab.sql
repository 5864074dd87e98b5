-- GitLab: projects connected with `vibe gitlab connect` and the scans of their merge requests.

-- One row per connected project. The webhook token is stored as its SHA-256 only: the receiver
-- hashes the X-Gitlab-Token it gets and looks the hash up, so the token itself never rests in
-- the database and a leaked row cannot be replayed as a webhook.
CREATE TABLE gitlab_projects (
    project_id          BIGINT PRIMARY KEY,           -- GitLab's project id
    path_with_namespace TEXT NOT NULL,
    hook_id             BIGINT,
    token_sha256        TEXT NOT NULL UNIQUE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Kept apart from `scans` (keyed by GitHub repository ids) so that a GitLab project id can never
-- be mistaken for a GitHub repository's.
CREATE TABLE gitlab_scans (
    id           BIGSERIAL PRIMARY KEY,
    project_id   BIGINT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('baseline', 'merge_request')),
    commit_sha   TEXT NOT NULL,
    ref          TEXT,
    mr_iid       INTEGER,
    job_id       TEXT,
    health_score NUMERIC(3, 2),
    conclusion   TEXT,
    counts       JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, kind, commit_sha)
);
CREATE INDEX gitlab_scans_project_idx ON gitlab_scans (project_id, kind, created_at DESC);
