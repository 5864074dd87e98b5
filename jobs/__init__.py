"""The worker's jobs, by role: ``queue`` (kinds, outbox, registry, runner, worker), ``git``
(repository mirrors), ``forges`` (the GitHub and GitLab edges), ``flows`` (what each job does) and
``maintenance`` (recovery, retention, installation sync, notifications)."""
