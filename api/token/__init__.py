"""Personal access tokens: named, scoped, expiring Bearer tokens for scripts and AI assistants."""
