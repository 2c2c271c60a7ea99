"""The guidance rules, one module per rule key (`api/guidance/rules/<key>.py`), each exposing

    def evaluate(facts: UserFacts, conditions: <its schema in api.guidance.conditions>) -> list[Draft]

Pure and deterministic: everything a rule says comes from the facts it is given and `facts.now`.
A rule returns the insights it would raise; the engine decides (mutes, learning, caps) and renders.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from api.guidance.conditions import SCHEMAS
from api.guidance.facts import Draft, UserFacts

Rule = Callable[[UserFacts, Any], list[Draft]]


def rule(key: str) -> Rule:
    """The evaluate function of the rule `key` (KeyError for an unknown key)."""
    if key not in SCHEMAS:
        raise KeyError(key)
    return import_module(f"{__name__}.{key}").evaluate
