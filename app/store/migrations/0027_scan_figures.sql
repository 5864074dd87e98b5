-- What the overview reads of each baseline, as columns: its configuration's fail_on and its
-- counts summed as the charts sum them. Read from the JSON, the quality gate's fail_on took the
-- whole report out of storage (the scanner's report of a repository, tens of kilobytes, for
-- one word), and the charts parsed nine numbers out of every baseline of the window on every
-- request. Generated, so they are what the JSON says, whoever writes a scan.

-- A stored count of ``state`` and ``severity`` (a missing or odd value is 0), as the charts
-- have always read it.
CREATE FUNCTION scan_count(counts jsonb, state text, severity text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN counts #>> ARRAY[state, severity] ~ '^[0-9]{1,15}$'
                THEN (counts #>> ARRAY[state, severity])::bigint ELSE 0 END
$$;

ALTER TABLE scans
    ADD COLUMN fail_on TEXT GENERATED ALWAYS AS (report #>> '{config,values,fail_on}') STORED,
    ADD COLUMN open_error BIGINT GENERATED ALWAYS AS (
        scan_count(counts, 'new', 'error') + scan_count(counts, 'unchanged', 'error')) STORED,
    ADD COLUMN open_warning BIGINT GENERATED ALWAYS AS (
        scan_count(counts, 'new', 'warning') + scan_count(counts, 'unchanged', 'warning')) STORED,
    ADD COLUMN open_note BIGINT GENERATED ALWAYS AS (
        scan_count(counts, 'new', 'note') + scan_count(counts, 'unchanged', 'note')) STORED,
    ADD COLUMN new_findings BIGINT GENERATED ALWAYS AS (
        scan_count(counts, 'new', 'error') + scan_count(counts, 'new', 'warning')
        + scan_count(counts, 'new', 'note')) STORED,
    ADD COLUMN fixed_findings BIGINT GENERATED ALWAYS AS (
        scan_count(counts, 'fixed', 'error') + scan_count(counts, 'fixed', 'warning')
        + scan_count(counts, 'fixed', 'note')) STORED;

-- Each repository's open findings by severity, read for a page of repositories at a time
-- (the overview's worst first) from the index alone.
CREATE INDEX finding_totals_unfixed_idx ON finding_totals (project_id, fixed)
    INCLUDE (severity, findings);
