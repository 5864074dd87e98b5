-- The AI assistant (issue 12, part 4): code chunks of each repository's default branch for
-- retrieval, and the questions and answers kept per user and repository.

-- A file's text in line ranges. Rows of one (repository, path) share the blob they came from:
-- a file whose blob did not change is not indexed again.
CREATE TABLE code_chunks (
    id            BIGSERIAL PRIMARY KEY,
    repository_id BIGINT NOT NULL,
    path          TEXT NOT NULL,
    blob_sha      TEXT NOT NULL,
    language      TEXT,
    start_line    INTEGER NOT NULL,
    end_line      INTEGER NOT NULL,
    content       TEXT NOT NULL,
    -- 'simple': code is not English. Every non-alphanumeric run is a separator, in the path and
    -- the text alike (app/search/code.py splits the question the same way).
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', regexp_replace(path, '[^[:alnum:]]+', ' ', 'g')), 'A')
        || to_tsvector('simple', regexp_replace(content, '[^[:alnum:]]+', ' ', 'g'))
    ) STORED,
    UNIQUE (repository_id, path, start_line)
);
CREATE INDEX code_chunks_search_idx ON code_chunks USING gin (search_vector);

-- Which commit a repository's chunks describe (the links of citations point at it).
CREATE TABLE code_index_state (
    repository_id BIGINT PRIMARY KEY,
    full_name     TEXT NOT NULL,
    commit_sha    TEXT NOT NULL,
    files         INTEGER NOT NULL DEFAULT 0,
    chunks        INTEGER NOT NULL DEFAULT 0,
    indexed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One question and its answer. `state`: pending (asked on the page, not answered yet),
-- answered, failed. `source`: page, api, comment. The per-user rate limit counts these rows.
CREATE TABLE chat_messages (
    id            BIGSERIAL PRIMARY KEY,
    repository_id BIGINT NOT NULL,
    user_login    TEXT NOT NULL,
    source        TEXT NOT NULL,
    question      TEXT NOT NULL,
    answer        TEXT NOT NULL DEFAULT '',
    citations     JSONB NOT NULL DEFAULT '[]',
    writer        TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT 'pending',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    answered_at   TIMESTAMPTZ
);
CREATE INDEX chat_messages_history_idx ON chat_messages (repository_id, lower(user_login), id DESC);
