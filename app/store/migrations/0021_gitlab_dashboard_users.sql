-- Dashboard users of either forge. A GitLab user (who signed in with GitLab's OAuth flow against
-- VIBE_GITLAB_URL) is kept under minus their GitLab user id, as a GitLab project is kept in
-- `repositories`: GitHub's user ids are positive, so the two never meet. The stored OAuth token
-- is the user's forge's; `repository_ids` holds the keys of the connected GitLab projects GitLab
-- says they have Reporter access to or more.
ALTER TABLE dashboard_users RENAME COLUMN github_token TO oauth_token;
ALTER TABLE dashboard_users
    ADD COLUMN forge TEXT NOT NULL DEFAULT 'github' CHECK (forge IN ('github', 'gitlab'));
ALTER TABLE dashboard_users
    ADD CONSTRAINT dashboard_users_forge_key CHECK ((forge = 'github') = (id > 0));
