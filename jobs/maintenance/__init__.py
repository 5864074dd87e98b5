"""Jobs that keep the service's own state in order rather than answer a change request: missed
deliveries asked for again, old rows and archives retained and pruned, installations and
repositories kept in step with GitHub, and outgoing notifications sent."""
