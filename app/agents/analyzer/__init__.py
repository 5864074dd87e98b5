"""The analyzer agent: semgrep, bandit and a secret detector over a repository, with one
finding model, line-independent fingerprints, a content-addressed result cache and diff mode.

Entry point: :func:`app.agents.analyzer.engine.analyze`.
"""
