"""The AI assistant's answers over a repository's indexed code."""
