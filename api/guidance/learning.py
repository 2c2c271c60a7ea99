"""How a person's reactions to a rule's insights change that rule for them. Pure.

Looks at the rule's last insights (newest first, at most 10, in `Reactions`): when most were
dismissed or judged not useful, the rule drops one priority step and waits longer between two
insights (and says so); when most were useful or acted on, it may speak a step louder. Too few
reactions teach nothing."""

from __future__ import annotations

from dataclasses import dataclass

from api.guidance.facts import Reactions
from api.vocabulary import PRIORITY_ORDER, InsightPriority

MIN_SHOWN = 3  # reactions needed before anything is learned
BASE_COOLDOWN_DAYS = 1
QUIETER_COOLDOWN_DAYS = 7


@dataclass(frozen=True)
class Learned:
    priority: InsightPriority
    cooldown_days: int  # at least this many days between two insights of the rule
    note: str | None  # what the product tells the person, None when nothing was learned


def _step(priority: InsightPriority, by: int) -> InsightPriority:
    index = max(0, min(len(PRIORITY_ORDER) - 1, PRIORITY_ORDER.index(priority) + by))
    return PRIORITY_ORDER[index]


def learned(base: InsightPriority | str, reactions: Reactions | None) -> Learned:
    base = InsightPriority(base)
    if reactions is None or reactions.shown < MIN_SHOWN:
        return Learned(base, BASE_COOLDOWN_DAYS, None)
    negative = reactions.dismissed + reactions.not_useful
    positive = reactions.useful + reactions.acted
    if negative * 2 > reactions.shown:
        what = (
            f"you dismissed {reactions.dismissed} of the last {reactions.shown}"
            if reactions.dismissed >= reactions.not_useful
            else f"you marked {reactions.not_useful} of the last {reactions.shown} not useful"
        )
        return Learned(_step(base, -1), QUIETER_COOLDOWN_DAYS, f"Shown less often: {what}.")
    if positive * 2 > reactions.shown and base is not InsightPriority.URGENT:
        what = f"you found {positive} of the last {reactions.shown} useful or acted on them"
        return Learned(_step(base, +1), BASE_COOLDOWN_DAYS, f"Shown more prominently: {what}.")
    return Learned(base, BASE_COOLDOWN_DAYS, None)
