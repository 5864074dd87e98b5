"""The documentation agent: README sections in marked blocks, ``docs/api.md`` and docstrings for
public functions, written from the scanner's report and the code, with a language model when one
is configured and a deterministic generator otherwise.

The agent never writes to disk: it returns :class:`~app.agents.docs.result.DocsResult`, a list of
file edits and a summary, which the CLI prints or applies and a job can commit."""
