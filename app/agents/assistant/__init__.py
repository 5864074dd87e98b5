"""The AI assistant: answers to questions about a repository, grounded in code chunks that the
caller retrieved, streamed token by token from the model chain of the docs agent (same cache,
same daily budget), and a deterministic answer when no model can answer."""
