-- The findings list's sorts and tab counts (dashboard /findings, GET /api/v1/findings):
-- each sort reads its key and the id in order (keyset pagination), so a page is a short
-- index walk at any depth. Text keys in byte order, as Elasticsearch sorts keywords.
CREATE INDEX findings_severity_sort_idx ON findings (
    (CASE severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END), id);
CREATE INDEX findings_first_seen_sort_idx ON findings (first_seen_at, id);
CREATE INDEX findings_rule_sort_idx ON findings ((rule_id COLLATE "C"), id);
CREATE INDEX findings_path_sort_idx ON findings ((path COLLATE "C"), id);
-- The tab counts: fixed and unfixed per project by an index-only scan, and the few unfixed
-- findings that carry merged reports (whose ignores are looked up one by one).
CREATE INDEX findings_project_fixed_idx ON findings (project_id, (fixed_at IS NULL));
CREATE INDEX findings_merged_reports_idx ON findings (id)
    WHERE fixed_at IS NULL AND details ? 'evidence_fingerprints';

-- The tabs' counts without reading every finding: findings per project, severity and whether
-- fixed, kept by statement triggers (one aggregate over each statement's rows, so a scan that
-- stores thousands of findings adds a few upserts). Rows are taken in key order: two scans
-- never wait on each other in opposite orders. No foreign key: a project's cascade delete
-- reaches this table through the findings trigger, after the project is gone.
CREATE TABLE finding_totals (
    project_id BIGINT NOT NULL,
    severity   TEXT NOT NULL,
    fixed      BOOLEAN NOT NULL,
    findings   BIGINT NOT NULL,
    PRIMARY KEY (project_id, severity, fixed)
);

INSERT INTO finding_totals (project_id, severity, fixed, findings)
SELECT project_id, severity, fixed_at IS NOT NULL, count(*) FROM findings GROUP BY 1, 2, 3;

CREATE FUNCTION finding_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM finding_totals;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO finding_totals AS t (project_id, severity, fixed, findings)
        SELECT project_id, severity, fixed_at IS NOT NULL, count(*)
        FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (project_id, severity, fixed)
        DO UPDATE SET findings = t.findings + EXCLUDED.findings;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO finding_totals AS t (project_id, severity, fixed, findings)
        SELECT project_id, severity, fixed_at IS NOT NULL, -count(*)
        FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (project_id, severity, fixed)
        DO UPDATE SET findings = t.findings + EXCLUDED.findings;
        DELETE FROM finding_totals t
        USING (SELECT DISTINCT project_id FROM old_rows) AS o
        WHERE t.project_id = o.project_id AND t.findings = 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER finding_totals_insert AFTER INSERT ON findings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_totals_apply();
CREATE TRIGGER finding_totals_update AFTER UPDATE ON findings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION finding_totals_apply();
CREATE TRIGGER finding_totals_delete AFTER DELETE ON findings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_totals_apply();
CREATE TRIGGER finding_totals_truncate AFTER TRUNCATE ON findings
    FOR EACH STATEMENT EXECUTE FUNCTION finding_totals_apply();
