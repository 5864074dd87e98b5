-- A job's log lines (the job page, GET /api/v1/jobs/{job_id}): the events the worker logged
-- while each attempt ran, after redaction, written in one batch when the attempt ended. They go
-- with their job: retention deletes a job row and its lines follow. The key reads one job's
-- lines in order (attempt, then line), and serves the cascade's lookup by job.
CREATE TABLE job_log (
    job_row_id BIGINT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    attempt    INTEGER NOT NULL,
    line       INTEGER NOT NULL,              -- the line's place in its attempt, from 1
    logged_at  TIMESTAMPTZ NOT NULL,
    level      TEXT NOT NULL,
    event      TEXT NOT NULL,
    fields     JSONB NOT NULL DEFAULT '{}',   -- the event's other keys, each value cut short
    PRIMARY KEY (job_row_id, attempt, line)
);
