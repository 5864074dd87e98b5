"""GitLab behind the forge edges (:mod:`jobs.forges.base`): a client for a job's lifetime and
each capability the flows use."""
