"""The pull request reviewer: context within a token budget, the prompt, the model's structured
answer checked against the diff, and an offline reviewer for when no model can answer.

Pure logic over values; :mod:`app.agents.reviewer.gitdiff` is the one module that reads a git
repository. Nothing here talks to GitHub: ``jobs/flows/review.py`` and ``app/cli/review.py`` do."""
