-- Whether a finding is ignored, on the finding itself: the findings list's tab counts, its
-- Ignored tab and every open-tab query asked it of the ignores table, finding by finding (at a
-- million findings and 3,000 ignores, 20 ms of every list request went to those 3,000 lookups).
--
-- ignored_until is the ignore's last day ('infinity' when it has none), NULL when the finding's
-- fingerprint is not ignored in its repository; the ignore is active while
-- ignored_until >= current_date, so an expiry needs no update. Kept by triggers: an ignore
-- recorded, changed or withdrawn sets it on the repository's findings of that fingerprint, and
-- a finding inserted takes it from the ignores. The ignore's row (reason, who) stays where it
-- is; a merged report's ignored fingerprints are still looked up (app.search.postgres).
ALTER TABLE findings ADD COLUMN ignored_until date;

UPDATE findings f SET ignored_until = COALESCE(i.until, 'infinity')
FROM ignores i JOIN projects p ON p.repository_id = i.repository_id
WHERE f.project_id = p.id AND f.fingerprint = i.fingerprint;

-- The few ignored findings, for the Ignored tab and the counts taken off the open tab.
CREATE INDEX findings_ignored_idx ON findings (id) WHERE ignored_until IS NOT NULL;

CREATE FUNCTION findings_ignored_from_ignores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE findings SET ignored_until = NULL WHERE ignored_until IS NOT NULL;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE findings f SET ignored_until = NULL
        FROM projects p
        WHERE p.repository_id = OLD.repository_id AND f.project_id = p.id
          AND f.fingerprint = OLD.fingerprint AND f.ignored_until IS NOT NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE findings f SET ignored_until = COALESCE(NEW.until, 'infinity')
        FROM projects p
        WHERE p.repository_id = NEW.repository_id AND f.project_id = p.id
          AND f.fingerprint = NEW.fingerprint;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ignores_mark_findings AFTER INSERT OR UPDATE OR DELETE ON ignores
    FOR EACH ROW EXECUTE FUNCTION findings_ignored_from_ignores();
CREATE TRIGGER ignores_unmark_findings AFTER TRUNCATE ON ignores
    FOR EACH STATEMENT EXECUTE FUNCTION findings_ignored_from_ignores();

CREATE FUNCTION findings_ignored_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT COALESCE(i.until, 'infinity') INTO NEW.ignored_until
    FROM projects p JOIN ignores i ON i.repository_id = p.repository_id
    WHERE p.id = NEW.project_id AND i.fingerprint = NEW.fingerprint;
    RETURN NEW;
END;
$$;

-- A finding meets the ignores when it is inserted (an upsert that finds the row keeps the row's
-- value) or, were it ever to happen, when its key changes.
CREATE TRIGGER findings_ignored_on_insert BEFORE INSERT OR UPDATE OF project_id, fingerprint
    ON findings FOR EACH ROW EXECUTE FUNCTION findings_ignored_on_insert();
