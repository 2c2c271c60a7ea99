"""Model access for the product: the per-process ModelClient built from settings, the cached
health probe, and the per-user budget gate (ai_usage rows + api.ai.budget.TokenBudget)."""
