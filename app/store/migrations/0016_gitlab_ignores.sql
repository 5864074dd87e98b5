-- `/vibe ignore` on GitLab merge requests. Kept apart from `ignores` (keyed by GitHub repository
-- ids) so that a GitLab project id can never set aside a GitHub repository's finding, or the
-- other way round.
CREATE TABLE gitlab_ignores (
    id          BIGSERIAL PRIMARY KEY,
    project_id  BIGINT NOT NULL,                      -- GitLab's project id
    fingerprint TEXT NOT NULL,
    reason      TEXT NOT NULL,
    created_by  TEXT NOT NULL,                        -- the GitLab username who asked
    until       DATE,                                 -- inclusive; null: for good
    note_id     BIGINT,
    mr_iid      INTEGER,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, fingerprint)
);
