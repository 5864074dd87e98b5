-- Tokens spent on language models (the docs agent), per installation, UTC day and model:
-- the daily budget is checked against the day's sum, and /metrics reads the same rows.

CREATE TABLE llm_usage (
    installation_id BIGINT NOT NULL,
    day             DATE NOT NULL,
    model           TEXT NOT NULL,
    tokens          BIGINT NOT NULL DEFAULT 0 CHECK (tokens >= 0),
    calls           INTEGER NOT NULL DEFAULT 0 CHECK (calls >= 0),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (installation_id, day, model)
);
CREATE INDEX llm_usage_day_idx ON llm_usage (day);
