-- The findings list's counts and groups under a rule or tool filter, and the groups by rule,
-- from the totals instead of every matching finding (at a million findings, counting them was
-- over half a second): finding_totals gains the tool and the rule. Its rows stay few (projects
-- × rules that fired × severities × fixed or not). The groups by file come from the findings
-- per file (finding_path_totals), walked from the largest down.
--
-- A scan updates every finding it sees again (last_seen_at); the update trigger now counts only
-- the rows whose totals' key changed (fixed, or the rare severity change), so that update adds
-- no upsert at all.
DROP TRIGGER finding_totals_insert ON findings;
DROP TRIGGER finding_totals_update ON findings;
DROP TRIGGER finding_totals_delete ON findings;
DROP TRIGGER finding_totals_truncate ON findings;
DROP FUNCTION finding_totals_apply();
DROP TABLE finding_totals;

CREATE TABLE finding_totals (
    project_id BIGINT NOT NULL,
    tool       TEXT NOT NULL,
    rule_id    TEXT NOT NULL,
    severity   TEXT NOT NULL,
    fixed      BOOLEAN NOT NULL,
    findings   BIGINT NOT NULL,
    PRIMARY KEY (project_id, tool, rule_id, severity, fixed)
);

INSERT INTO finding_totals (project_id, tool, rule_id, severity, fixed, findings)
SELECT project_id, tool, rule_id, severity, fixed_at IS NOT NULL, count(*)
FROM findings GROUP BY 1, 2, 3, 4, 5;

CREATE TABLE finding_path_totals (
    project_id BIGINT NOT NULL,
    path       TEXT NOT NULL,
    fixed      BOOLEAN NOT NULL,
    findings   BIGINT NOT NULL,
    PRIMARY KEY (project_id, path, fixed)
);
INSERT INTO finding_path_totals (project_id, path, fixed, findings)
SELECT project_id, path, fixed_at IS NOT NULL, count(*) FROM findings GROUP BY 1, 2, 3;
-- The largest files first, in the groups' order (ties by path in byte order, then project).
CREATE INDEX finding_path_totals_largest_idx
    ON finding_path_totals (fixed, findings DESC, (path COLLATE "C"), project_id);

-- No foreign keys: a project's cascade delete reaches both tables through the findings trigger,
-- after the project is gone. Rows are upserted in key order: two scans never wait on each other in opposite orders.
CREATE FUNCTION finding_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM finding_totals;
        DELETE FROM finding_path_totals;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO finding_totals AS t (project_id, tool, rule_id, severity, fixed, findings)
        SELECT project_id, tool, rule_id, severity, fixed_at IS NOT NULL, count(*)
        FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (project_id, tool, rule_id, severity, fixed)
        DO UPDATE SET findings = t.findings + EXCLUDED.findings;
        INSERT INTO finding_path_totals AS t (project_id, path, fixed, findings)
        SELECT project_id, path, fixed_at IS NOT NULL, count(*)
        FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (project_id, path, fixed) DO UPDATE SET findings = t.findings + EXCLUDED.findings;
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        INSERT INTO finding_totals AS t (project_id, tool, rule_id, severity, fixed, findings)
        SELECT project_id, tool, rule_id, severity, fixed_at IS NOT NULL, -count(*)
        FROM old_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (project_id, tool, rule_id, severity, fixed)
        DO UPDATE SET findings = t.findings + EXCLUDED.findings;
        INSERT INTO finding_path_totals AS t (project_id, path, fixed, findings)
        SELECT project_id, path, fixed_at IS NOT NULL, -count(*)
        FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (project_id, path, fixed) DO UPDATE SET findings = t.findings + EXCLUDED.findings;
    ELSE
        -- An update: minus the old key and plus the new one, for the rows whose key moved.
        INSERT INTO finding_totals AS t (project_id, tool, rule_id, severity, fixed, findings)
        SELECT project_id, tool, rule_id, severity, fixed, sum(delta)
        FROM (
            SELECT o.project_id, o.tool, o.rule_id, o.severity, o.fixed_at IS NOT NULL AS fixed,
                   -1 AS delta
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.project_id, o.tool, o.rule_id, o.severity, o.fixed_at IS NOT NULL)
                IS DISTINCT FROM (n.project_id, n.tool, n.rule_id, n.severity, n.fixed_at IS NOT NULL)
            UNION ALL
            SELECT n.project_id, n.tool, n.rule_id, n.severity, n.fixed_at IS NOT NULL, 1
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.project_id, o.tool, o.rule_id, o.severity, o.fixed_at IS NOT NULL)
                IS DISTINCT FROM (n.project_id, n.tool, n.rule_id, n.severity, n.fixed_at IS NOT NULL)
        ) moved
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (project_id, tool, rule_id, severity, fixed)
        DO UPDATE SET findings = t.findings + EXCLUDED.findings;
        INSERT INTO finding_path_totals AS t (project_id, path, fixed, findings)
        SELECT project_id, path, fixed, sum(delta)
        FROM (
            SELECT o.project_id, o.path, o.fixed_at IS NOT NULL AS fixed, -1 AS delta
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.project_id, o.path, o.fixed_at IS NOT NULL)
                IS DISTINCT FROM (n.project_id, n.path, n.fixed_at IS NOT NULL)
            UNION ALL
            SELECT n.project_id, n.path, n.fixed_at IS NOT NULL, 1
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.project_id, o.path, o.fixed_at IS NOT NULL)
                IS DISTINCT FROM (n.project_id, n.path, n.fixed_at IS NOT NULL)
        ) moved
        GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (project_id, path, fixed) DO UPDATE SET findings = t.findings + EXCLUDED.findings;
    END IF;
    -- Rows that reached zero go; only the keys this statement lowered can have.
    DELETE FROM finding_totals t
    USING (SELECT DISTINCT project_id FROM old_rows) AS o
    WHERE t.project_id = o.project_id AND t.findings = 0;
    DELETE FROM finding_path_totals t
    USING (SELECT DISTINCT project_id, path FROM old_rows) AS o
    WHERE t.project_id = o.project_id AND t.path = o.path AND t.findings = 0;
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
