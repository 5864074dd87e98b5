"""GitLab (API v4): a thin aiohttp client and the few calls the merge request check makes.

Nothing here knows about agents or jobs: ``jobs/`` wires the analysis to these calls.
"""
