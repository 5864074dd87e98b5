"""GitHub behind the forge edges (:mod:`jobs.forges.base`): an installation client for a job's
lifetime and each capability the flows use."""
