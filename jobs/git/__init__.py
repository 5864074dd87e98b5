"""Cached bare mirrors of forge repositories, fetched with pygit2: the mirror store and its fetches,
a job's fetch (a failed one is retried), what the pipeline reads from a mirror, and the user names
git sends with an access token."""
