"""The job queue's plumbing: the kinds of job and the plain values each carries, the outbox that
records and enqueues them, the sweeper that enqueues the rows the receiver could not (Redis was
down), the registry of job handlers, the one ARQ function that runs every job (bookkeeping,
idempotency, retries), the worker process, the context a handler receives, and the registration of
the pull request pipeline's kinds."""
