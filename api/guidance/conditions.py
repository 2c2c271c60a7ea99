"""The conditions each guidance rule accepts: one schema per rule, strict (unknown keys, negative
days and percentages over 100 are rejected). Pure: the migration, the service and the rules use it.

A person's override holds only the keys they changed; `effective()` lays it over the rule's
defaults and validates the result, so a rule always runs on a complete, checked set."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

RULES_FILE = Path(__file__).parent / "data" / "rules.json"


class Conditions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckIn(Conditions):
    gap_multiplier: float = Field(default=2.0, ge=1, le=10)
    min_days: int = Field(default=3, ge=1, le=365)
    default_days: int = Field(default=7, ge=1, le=365)


class WelcomeBack(Conditions):
    away_days: int = Field(default=7, ge=1, le=365)


class MarketNudge(Conditions):
    rise_percent: float = Field(default=20, ge=1, le=100)
    window_days: int = Field(default=30, ge=7, le=180)
    min_postings: int = Field(default=20, ge=1, le=100000)


class UrgentSkillGap(Conditions):
    min_share_percent: float = Field(default=30, ge=1, le=100)
    rise_points: float = Field(default=10, ge=0, le=100)
    window_days: int = Field(default=30, ge=7, le=180)
    min_jobs: int = Field(default=5, ge=1, le=10000)


class Celebration(Conditions):
    lookback_days: int = Field(default=14, ge=1, le=90)
    max_jobs: int = Field(default=3, ge=0, le=10)


class FollowUpDue(Conditions):
    days: int = Field(default=7, ge=1, le=90)


class SearchNotWorking(Conditions):
    min_applications: int = Field(default=8, ge=1, le=1000)
    window_days: int = Field(default=30, ge=7, le=365)
    max_response_percent: float = Field(default=0, ge=0, le=100)


class PacingWellbeing(Conditions):
    window_days: int = Field(default=14, ge=1, le=90)
    late_from_hour: int = Field(default=23, ge=0, le=23)
    late_until_hour: int = Field(default=5, ge=0, le=23)
    late_days: int = Field(default=4, ge=1, le=90)
    low_score: int = Field(default=2, ge=1, le=5)
    low_entries: int = Field(default=3, ge=1, le=100)


class RejectionReframe(Conditions):
    lookback_days: int = Field(default=7, ge=1, le=90)


class DeadlineAtRisk(Conditions):
    min_days_elapsed: int = Field(default=7, ge=1, le=365)
    slack_days: int = Field(default=7, ge=0, le=365)


class ReadyNextLevel(Conditions):
    readiness_percent: float = Field(default=80, ge=1, le=100)
    max_jobs: int = Field(default=3, ge=0, le=10)


class StaleProfile(Conditions):
    days: int = Field(default=90, ge=1, le=3650)
    min_growth: float = Field(default=0.2, gt=0, le=1)


SCHEMAS: dict[str, type[Conditions]] = {
    "check_in": CheckIn,
    "welcome_back": WelcomeBack,
    "market_nudge": MarketNudge,
    "urgent_skill_gap": UrgentSkillGap,
    "celebration": Celebration,
    "follow_up_due": FollowUpDue,
    "search_not_working": SearchNotWorking,
    "pacing_wellbeing": PacingWellbeing,
    "rejection_reframe": RejectionReframe,
    "deadline_at_risk": DeadlineAtRisk,
    "ready_next_level": ReadyNextLevel,
    "stale_profile": StaleProfile,
}


class InvalidConditions(ValueError):
    """Conditions that do not fit the rule's schema; `problems` maps each key at fault to why."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{key}: {why}" for key, why in problems.items()))


def validate(rule_key: str, conditions: Mapping[str, Any]) -> Conditions:
    schema = SCHEMAS.get(rule_key)
    if schema is None:
        raise InvalidConditions({"rule": f"unknown rule {rule_key!r}"})
    try:
        return schema.model_validate(dict(conditions))
    except ValidationError as error:
        problems: dict[str, str] = {}
        for item in error.errors():
            key = ".".join(str(part) for part in item["loc"]) or "conditions"
            problems[key] = "unknown condition" if item["type"] == "extra_forbidden" else item["msg"]
        raise InvalidConditions(problems) from None


def effective(rule_key: str, defaults: Mapping[str, Any], override: Mapping[str, Any] | None) -> Conditions:
    """The rule's defaults with the person's changed keys laid over them, validated."""
    return validate(rule_key, {**defaults, **(override or {})})


@cache
def default_rules() -> tuple[dict[str, Any], ...]:
    """The shipped rules (the migration inserts these), each checked against its schema."""
    rules = tuple(json.loads(RULES_FILE.read_text(encoding="utf-8")))
    for rule in rules:
        validate(rule["key"], rule["conditions"])
    return rules
