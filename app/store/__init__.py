"""PostgreSQL storage: one asyncpg pool built at start-up, the migrations runner and the queries.

JSONB columns travel as text both ways (no codec on the pool): the receiver stores GitHub's raw
body as it came, and readers decode explicitly.
"""
