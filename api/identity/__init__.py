"""Sign in with a provider: Google, GitHub, LinkedIn and any OpenID Connect provider (authlib)."""
