-- Dashboard access per repository (issue 18): besides the installations a user can access,
-- the repositories of those installations they can read, as
-- GET /user/installations/{id}/repositories last said (re-checked with installation_ids).
ALTER TABLE dashboard_users ADD COLUMN repository_ids BIGINT[] NOT NULL DEFAULT '{}';

-- Nobody has been asked yet: every user's access is checked again at their next request, and
-- until that check answers they read no repository.
UPDATE dashboard_users SET access_checked_at = NULL;
