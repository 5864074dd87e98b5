-- The dashboard: GitHub users who logged in, their sessions and API tokens, full-text search
-- over findings, and a notification on every job change for the live Jobs page.

CREATE TABLE dashboard_users (
    id                 BIGINT PRIMARY KEY,            -- GitHub's user id
    login              TEXT NOT NULL,
    name               TEXT,
    -- The user's OAuth token, encrypted with the session secret: access is re-checked with it.
    github_token       TEXT,
    installation_ids   BIGINT[] NOT NULL DEFAULT '{}', -- as GET /user/installations last said
    access_checked_at  TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_login_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE dashboard_sessions (
    id          BYTEA PRIMARY KEY,                    -- sha256 of the cookie's random part
    user_id     BIGINT NOT NULL REFERENCES dashboard_users (id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX dashboard_sessions_user_idx ON dashboard_sessions (user_id);

-- Shown once at creation; only the sha256 is kept.
CREATE TABLE api_tokens (
    id            BIGSERIAL PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES dashboard_users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    BYTEA NOT NULL UNIQUE,
    prefix        TEXT NOT NULL,                      -- first characters, to recognise it
    scopes        TEXT[] NOT NULL CHECK (scopes <@ ARRAY['read', 'write']::text[]),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Full-text search over a finding's message, rule and path ('simple': code is not English).
-- Separators in rules and paths become spaces, here and in the query (app/search/postgres.py).
ALTER TABLE findings ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', message || ' ' || translate(rule_id, '/._-', '    ') || ' ' || tool
                || ' ' || translate(path, '/._-', '    '))
) STORED;
CREATE INDEX findings_search_idx ON findings USING gin (search_vector);
-- Keyset pagination newest first, per project, and the path prefix match used without pg_trgm.
CREATE INDEX findings_project_id_idx ON findings (project_id, id DESC);
CREATE INDEX findings_path_prefix_idx ON findings (path text_pattern_ops);

-- Trigram matching for paths needs the pg_trgm extension, which not every PostgreSQL build
-- ships (the pgserver wheel has no contrib): without it, search degrades to prefix matching.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXECUTE 'CREATE INDEX findings_path_trgm_idx ON findings USING gin (path gin_trgm_ops)';
EXCEPTION WHEN undefined_file OR feature_not_supported OR insufficient_privilege THEN
    RAISE NOTICE 'pg_trgm unavailable: finding paths are searched by prefix';
END
$$;

CREATE INDEX check_runs_failing_idx ON check_runs (created_at DESC)
    WHERE conclusion IN ('failure', 'action_required', 'timed_out');
CREATE INDEX jobs_installation_idx ON jobs (installation_id, created_at DESC);

-- The Jobs page listens on this channel: one small JSON message per job change.
CREATE FUNCTION notify_job_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vibe_jobs', json_build_object(
        'job_id', NEW.job_id, 'kind', NEW.kind, 'status', NEW.status,
        'installation_id', NEW.installation_id,
        'repository', NEW.repository_full_name)::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE OF status ON jobs
    FOR EACH ROW EXECUTE FUNCTION notify_job_change();
