"""Process runtime: the embedded PostgreSQL and Redis, and the context object built at start-up."""
