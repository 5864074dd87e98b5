"""Pure reporting logic for pull request checks: diff mapping, annotations, check summaries,
the sticky PR comment, ``/vibe`` commands and monorepo projects.

Nothing here does I/O; the pipeline fetches values (patches, comments, findings) and sends what
these functions return. Forge-specific shapes (GitHub's annotation dicts) stay at the edges of
each module so GitLab can reuse the rendering.
"""
