-- The pull request pipeline: /vibe ignore verdicts and the scans behind the dashboard.

-- A finding set aside with `/vibe ignore <fingerprint> <reason> [until DATE]`. Keyed by
-- fingerprint, so the verdict survives rebases and force-pushes that keep the flagged code.
CREATE TABLE ignores (
    id            BIGSERIAL PRIMARY KEY,
    repository_id BIGINT NOT NULL,                    -- GitHub's id; no FK: may precede sync
    fingerprint   TEXT NOT NULL,
    reason        TEXT NOT NULL,
    created_by    TEXT NOT NULL,                      -- the GitHub login who asked
    until         DATE,                               -- inclusive; null: for good
    comment_id    BIGINT,
    pull_number   INTEGER,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (repository_id, fingerprint)
);

-- One scan of one commit: a baseline of the default branch (push) or a pull request's head.
CREATE TABLE scans (
    id            BIGSERIAL PRIMARY KEY,
    repository_id BIGINT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('baseline', 'pull_request')),
    commit_sha    TEXT NOT NULL,
    ref           TEXT,
    pull_number   INTEGER,
    job_id        TEXT,
    health_score  NUMERIC(3, 2),
    conclusion    TEXT,
    counts        JSONB NOT NULL DEFAULT '{}'::jsonb,
    report        JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (repository_id, kind, commit_sha)
);
CREATE INDEX scans_repository_idx ON scans (repository_id, kind, created_at DESC);
