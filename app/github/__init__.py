"""The GitHub edge: App authentication, a thin REST client on gidgethub, and small resource verbs.

    client = GitHubClient.from_settings(session, settings)     # once, in the worker's on_startup
    gh = client.installation(installation_id)                  # per job
    run = await checks.create_check_run(gh, owner, repo, name=..., head_sha=...)
    await comments.upsert_marked_comment(gh, owner, repo, number, marker, body)
    token = await gh.token(); url = gh.clone_url("owner/repo")  # git: token via pygit2 callbacks

Every failure is a :class:`~app.github.errors.GitHubError` (``transient`` tells a job to retry
later). Nothing here imports agents or jobs; callers pass plain values and get plain JSON back.
"""
