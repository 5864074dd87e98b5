-- Issue 18: a notification secret is bound to the URL origin (scheme://host[:port]) it was stored
-- for; the sender sends it nowhere else, and moving a target to another origin means entering the
-- value again. NULL: stored before, and not bound below (the sender refuses it as a token and
-- says to store it again; as a Slack url_secret it still goes to the URL it holds).
ALTER TABLE notification_secrets ADD COLUMN origin TEXT;

-- Bind each stored secret to the one origin its installation's targets send it to, when they
-- agree on one. The origin as the sender compares it: lower-case, without user information
-- (the sender normalises the port and IDNA on comparison).
WITH uses AS (
    SELECT t.installation_id, n.name,
           lower(substring(t.target->>'url' from '^(https?://)'))
           || lower(substring(t.target->>'url' from '^https?://(?:[^@/?#]*@)?([^/?#]+)')) AS origin
    FROM notification_targets t
    CROSS JOIN LATERAL (VALUES (t.target->>'secret'), (t.target->>'api_token_secret')) AS n (name)
    WHERE n.name IS NOT NULL AND t.target->>'url' ~* '^https?://'
), agreed AS (
    SELECT installation_id, name, min(origin) AS origin
    FROM uses GROUP BY installation_id, name HAVING count(DISTINCT origin) = 1
)
UPDATE notification_secrets s SET origin = a.origin
FROM agreed a
WHERE s.installation_id = a.installation_id AND s.name = a.name AND a.origin IS NOT NULL;

-- Whether a dashboard user administers an installation on GitHub (the user account itself, or
-- an active admin of the organization: GET /user/memberships/orgs/{org}), as GitHub last said;
-- re-asked after a few minutes, like dashboard_users.installation_ids.
CREATE TABLE installation_admin_checks (
    user_id         BIGINT NOT NULL REFERENCES dashboard_users (id) ON DELETE CASCADE,
    installation_id BIGINT NOT NULL,
    is_admin        BOOLEAN NOT NULL,
    checked_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, installation_id)
);
