from tests.support.ai import fake_openai, model, offline  # noqa: F401
