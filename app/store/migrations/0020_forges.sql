-- One set of tables for both forges. A GitLab project is a row of `repositories` like a GitHub
-- repository, under the key minus its project id (app/models/repository_key.py): GitHub's ids
-- are positive, so the two can never meet, and scans, ignores, projects, findings and artifacts
-- need no forge column of their own. GitLab projects belong to no installation.
ALTER TABLE repositories
    ADD COLUMN forge TEXT NOT NULL DEFAULT 'github' CHECK (forge IN ('github', 'gitlab'));
ALTER TABLE repositories
    ADD CONSTRAINT repositories_forge_key CHECK ((forge = 'github') = (id > 0));

INSERT INTO repositories (id, full_name, forge)
SELECT -project_id, path_with_namespace, 'gitlab' FROM gitlab_projects
ON CONFLICT (id) DO NOTHING;

ALTER TABLE scans DROP CONSTRAINT scans_kind_check;
ALTER TABLE scans
    ADD CONSTRAINT scans_kind_check CHECK (kind IN ('baseline', 'pull_request', 'merge_request'));
INSERT INTO scans (repository_id, kind, commit_sha, ref, pull_number, job_id, health_score,
                   conclusion, counts, created_at)
SELECT -project_id, kind, commit_sha, ref, mr_iid, job_id, health_score, conclusion, counts,
       created_at
FROM gitlab_scans
ON CONFLICT (repository_id, kind, commit_sha) DO NOTHING;
DROP TABLE gitlab_scans;

INSERT INTO ignores (repository_id, fingerprint, reason, created_by, until, comment_id,
                     pull_number, created_at)
SELECT -project_id, fingerprint, reason, created_by, until, note_id, mr_iid, created_at
FROM gitlab_ignores
ON CONFLICT (repository_id, fingerprint) DO NOTHING;
DROP TABLE gitlab_ignores;
