-- Settings (issue 13): which repositories may use an installation's notification secret from
-- their own `.github/vibe.yml` `notify:`. Empty (the default): none; the installation's own
-- targets may use every secret of the installation.
ALTER TABLE notification_secrets
    ADD COLUMN allowed_repository_ids BIGINT[] NOT NULL DEFAULT '{}';
