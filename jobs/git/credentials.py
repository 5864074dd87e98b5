"""The user names git sends with an access token when the worker fetches over HTTPS."""

from __future__ import annotations

GITLAB_GIT_USERNAME = "oauth2"  # accepted by GitLab with any kind of access token
