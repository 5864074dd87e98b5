"""VibeIntelligence core: settings, models, agents, storage, forge clients and the CLI."""

__version__ = "0.1.0"
