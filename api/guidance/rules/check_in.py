"""Check-in: an active goal has had no progress for longer than `gap_multiplier` times the person's
usual gap between active days (from their learning patterns; at least `min_days`). While the
patterns are not sufficient the threshold is `default_days`. "Longer than": a goal quiet for exactly
the threshold stays silent, one day more fires.

Quiet days = the person's local today minus the goal's last activity (its newest progress entry's
local date, else the day it started). Actions: move the target date to one computed from their
pace, split the first open step (goals with steps), open the goal. One insight per goal and quiet
spell (`check_in:goal:<id>:since:<last activity>`): new progress ends the spell."""

from __future__ import annotations

from datetime import timedelta

from api.guidance.conditions import CheckIn
from api.guidance.facts import Action, Draft, Evidence, GoalFact, UserFacts
from api.guidance.rules._links import goal_href, open_page
from api.guidance.rules._pace import last_activity, proposed_target, today, usual_gap_days, usual_wording
from api.vocabulary import GoalStatus, InsightActionKind

KEY = "check_in"
VALID_DAYS = 3


def threshold_days(facts: UserFacts, conditions: CheckIn) -> float:
    gap = usual_gap_days(facts.patterns)
    if gap is None:
        return float(conditions.default_days)
    return max(float(conditions.min_days), conditions.gap_multiplier * gap)


def evaluate(facts: UserFacts, conditions: CheckIn) -> list[Draft]:
    threshold = threshold_days(facts, conditions)
    local_today = today(facts)
    found: list[tuple[int, int, Draft]] = []
    for goal in facts.goals:
        if goal.status != GoalStatus.ACTIVE:
            continue
        since = last_activity(facts, goal)
        quiet_days = (local_today - since).days
        if quiet_days <= threshold:
            continue
        found.append((-quiet_days, goal.id, _draft(facts, conditions, goal, quiet_days, threshold)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [draft for _, _, draft in found]


def _draft(facts: UserFacts, conditions: CheckIn, goal: GoalFact, quiet_days: int, threshold: float) -> Draft:
    since = last_activity(facts, goal)
    gap = usual_gap_days(facts.patterns)
    usual = usual_wording(gap)
    new_target = proposed_target(facts, goal, quiet_days)
    actions: list[Action] = []
    if new_target != goal.target_date:
        actions.append(
            Action(
                label=f"Move the target date of “{goal.title}” to {new_target.isoformat()}",
                kind=InsightActionKind.SET_TARGET_DATE,
                arguments={"goal_id": goal.id, "target_date": new_target.isoformat()},
            )
        )
    open_step = next((s for s in sorted(goal.steps, key=lambda s: (s.position, s.id)) if not s.done), None)
    if open_step is not None:
        actions.append(
            Action(
                label=f"Break “{open_step.title}” down into smaller steps",
                kind=InsightActionKind.SPLIT_STEP,
                arguments={"goal_id": goal.id, "step_id": open_step.id},
            )
        )
    actions.append(open_page(f"Open “{goal.title}”", goal_href(goal.id)))
    usual_evidence = (
        f"every {gap:.1f} days (from your learning patterns)"
        if gap is not None
        else f"not known yet; {conditions.default_days} days are used until your patterns are"
    )
    evidence = [
        Evidence("Last progress", since.isoformat()),
        Evidence("Quiet for", f"{quiet_days} days"),
        Evidence("Your usual gap", usual_evidence),
        Evidence("Threshold", f"more than {threshold:g} days without progress"),
        Evidence("Progress", f"{goal.progress}%"),
    ]
    if goal.target_date is not None:
        evidence.append(Evidence("Target date", goal.target_date.isoformat()))
    return Draft(
        rule_key=KEY,
        dedupe_key=f"{KEY}:goal:{goal.id}:since:{since.isoformat()}",
        values={"goal": goal.title, "quiet_days": quiet_days, "usual": usual},
        evidence=tuple(evidence),
        actions=tuple(actions),
        valid_until=facts.now + timedelta(days=VALID_DAYS),
    )
