"""Which of the rules' drafts become insights for one person. Pure and deterministic.

`decide` runs every rule that applies to the person (active, not muted, pacing and wellbeing only
when they opted in, the trigger asked for, outside the rule's learned cooldown) on their facts,
renders each draft with the rule's templates (`str.format_map` over the draft's values: a missing
placeholder is a bug of the rule, logged and skipped) and sets its priority (the draft's own or the
rule's, moved by what the person's reactions taught). `choose` then picks what is written: drafts
whose dedupe key already exists are gone, a rule speaks at most once per run (its first new draft),
and the daily cap takes the most important first (priority, then rule order).

A rule module that does not exist (yet) is skipped with a log line: the engine calls whatever
`api.guidance.rules.rule(key)` returns."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from api.dates import aware
from api.guidance.conditions import Conditions
from api.guidance.facts import Action, Draft, Evidence, Reactions, UserFacts
from api.guidance.learning import learned
from api.guidance.rules import rule as rule_function
from api.vocabulary import PRIORITY_ORDER, GuidanceLevel, InsightKind, InsightPriority, TriggerType

log = logging.getLogger(__name__)

WELLBEING_RULE = "pacing_wellbeing"
TITLE_LIMIT = 300
_missing: set[str] = set()  # rule keys already reported as having no module


@dataclass(frozen=True)
class RuleSpec:
    """A guidance rule row, as the engine needs it."""

    id: int
    key: str
    kind: InsightKind
    priority: InsightPriority
    trigger_type: TriggerType
    title_template: str
    message_template: str
    active: bool = True
    position: int = 0  # the rule order (ties of priority keep it)


@dataclass(frozen=True)
class PersonRule:
    """One rule as it applies to one person: effective conditions, mute, reactions, last insight."""

    spec: RuleSpec
    conditions: Conditions
    muted: bool = False
    reactions: Reactions | None = None
    last_insight_at: datetime | None = None


@dataclass(frozen=True)
class Preferences:
    level: GuidanceLevel = GuidanceLevel.NORMAL
    wellbeing: bool = False


@dataclass(frozen=True)
class Candidate:
    """A rendered draft, ready to be written as an insight."""

    user_id: int
    rule_id: int
    rule_key: str
    position: int
    kind: InsightKind
    priority: InsightPriority
    title: str
    message: str
    dedupe_key: str
    valid_until: datetime
    evidence: tuple[Evidence, ...] = ()
    actions: tuple[Action, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)

    def evidence_json(self) -> list[dict[str, str]]:
        return [{"label": e.label, "value": e.value} for e in self.evidence]

    def actions_json(self) -> list[dict[str, Any]]:
        return [{"label": a.label, "kind": str(a.kind), "arguments": dict(a.arguments)} for a in self.actions]


def render(template: str, values: Mapping[str, Any]) -> str:
    return template.format_map(dict(values))


def applies(person_rule: PersonRule, preferences: Preferences, now: datetime, only_trigger: TriggerType | None) -> bool:
    spec = person_rule.spec
    if not spec.active or person_rule.muted or preferences.level == GuidanceLevel.OFF:
        return False
    if spec.key == WELLBEING_RULE and not preferences.wellbeing:
        return False
    if only_trigger is not None and spec.trigger_type != only_trigger:
        return False
    if person_rule.last_insight_at is not None:
        cooldown = learned(spec.priority, person_rule.reactions).cooldown_days
        if aware(now) - aware(person_rule.last_insight_at) < timedelta(days=cooldown):
            return False
    return True


def decide(
    facts: UserFacts,
    rules: Sequence[PersonRule],
    preferences: Preferences,
    *,
    only_trigger: TriggerType | None = None,
    only_keys: Collection[str] | None = None,
    skip_keys: Collection[str] = (),
) -> list[Candidate]:
    """Every rendered draft of every applicable rule, in rule order (a rule's drafts in its order)."""
    candidates: list[Candidate] = []
    for person_rule in sorted(rules, key=lambda r: (r.spec.position, r.spec.id)):
        spec = person_rule.spec
        if (only_keys is not None and spec.key not in only_keys) or spec.key in skip_keys:
            continue
        if spec.key in _missing or not applies(person_rule, preferences, facts.now, only_trigger):
            continue
        try:
            evaluate = rule_function(spec.key)
        except (KeyError, ModuleNotFoundError):
            if spec.key not in _missing:
                _missing.add(spec.key)
                log.warning("guidance rule %s has no module; skipped", spec.key)
            continue
        for draft in evaluate(facts, person_rule.conditions):
            candidate = _render(facts, person_rule, draft)
            if candidate is not None:
                candidates.append(candidate)
    return candidates


def _render(facts: UserFacts, person_rule: PersonRule, draft: Draft) -> Candidate | None:
    spec = person_rule.spec
    if aware(draft.valid_until) <= aware(facts.now):
        return None
    try:
        title = render(spec.title_template, draft.values)
        message = render(spec.message_template, draft.values)
    except (KeyError, IndexError, ValueError):
        log.exception("guidance rule %s: its templates do not render with its draft's values", spec.key)
        return None
    taught = learned(draft.priority or spec.priority, person_rule.reactions)
    evidence = draft.evidence + ((Evidence("Adjusted to you", taught.note),) if taught.note else ())
    return Candidate(
        user_id=facts.user_id,
        rule_id=spec.id,
        rule_key=spec.key,
        position=spec.position,
        kind=spec.kind,
        priority=taught.priority,
        title=title[:TITLE_LIMIT],
        message=message,
        dedupe_key=draft.dedupe_key[:200],
        valid_until=draft.valid_until,
        evidence=evidence,
        actions=draft.actions,
        values=draft.values,
    )


def rank(candidate: Candidate) -> tuple[int, int, int]:
    """Most important first: priority, then rule order, then the rule's own order."""
    return (-PRIORITY_ORDER.index(candidate.priority), candidate.position, candidate.rule_id)


def choose(candidates: Iterable[Candidate], existing: Collection[str], room: int) -> list[Candidate]:
    """What one person's run writes: new dedupe keys only, one per rule, at most `room`, by rank."""
    first_per_rule: dict[int, Candidate] = {}
    for candidate in candidates:
        if candidate.dedupe_key in existing or candidate.rule_id in first_per_rule:
            continue
        first_per_rule[candidate.rule_id] = candidate
    ordered = sorted(first_per_rule.values(), key=rank)
    return ordered[: max(0, room)]


def notifies(priority: InsightPriority, level: GuidanceLevel) -> bool:
    """High and urgent insights raise a live notification; medium ones too for eager people."""
    if level == GuidanceLevel.OFF:
        return False
    if priority in (InsightPriority.HIGH, InsightPriority.URGENT):
        return True
    return priority == InsightPriority.MEDIUM and level == GuidanceLevel.EAGER
