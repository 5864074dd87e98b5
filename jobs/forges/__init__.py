"""The forges a job works on. ``base`` is the edge between the forge-neutral pipeline and a forge's
way of showing a check; ``github`` and ``gitlab`` give a job its client for its lifetime and turn
each forge's errors into the job framework's (``gitlab`` implements the edge too); ``target`` is
what a pull request check is about; ``comment_lock`` keeps one writer at a time on a sticky
comment."""
