"""Outgoing notifications: signed webhooks, Slack, Jenkins and GitHub workflow dispatch.

``targets`` (what a target is, as ``.github/vibe.yml`` and the database hold it), ``events``
(the event body), ``signing`` (the HMAC scheme and its verification recipe), ``messages`` (the
pure request of each target type), ``addresses`` (which addresses a target may reach),
``egress`` (sessions that reach only those), ``senders`` (the HTTP edge), ``failures`` (why an
attempt failed, in words safe to show), ``backoff`` (retry policy).
The jobs wire them: :mod:`jobs.maintenance.notify`.
"""
