"""Deadline at risk: at the current pace an active goal finishes more than `slack_days` after its
target date. Looked at only once `min_days_elapsed` days have passed since the goal started and it
has some progress (a goal without any is the check-in's business).

Pace: progress points per active day so far, spread over the calendar like the person's usual gap
(see `_pace.days_to_finish`); projected finish = today + the days the rest needs. Action: the goal's
existing difficulty adaptation (`adapt_goal`), and a link to the goal. One insight per goal and
target date: moving the date is a new fact."""

from __future__ import annotations

from datetime import timedelta

from api.guidance.conditions import DeadlineAtRisk
from api.guidance.facts import Action, Draft, Evidence, UserFacts
from api.guidance.rules._links import goal_action, goal_href, open_page
from api.guidance.rules._pace import days_to_finish, today
from api.vocabulary import GoalStatus, InsightActionKind

KEY = "deadline_at_risk"
VALID_DAYS = 7


def evaluate(facts: UserFacts, conditions: DeadlineAtRisk) -> list[Draft]:
    local_today = today(facts)
    found: list[tuple[int, int, Draft]] = []
    for goal in facts.goals:
        if goal.status != GoalStatus.ACTIVE or goal.target_date is None or goal.progress >= 100:
            continue
        elapsed = (local_today - goal.started_on).days
        if elapsed < conditions.min_days_elapsed:
            continue
        needed = days_to_finish(facts, goal)
        if needed is None:
            continue
        projected = local_today + timedelta(days=needed)
        late_days = (projected - goal.target_date).days
        if late_days <= conditions.slack_days:
            continue
        actions: tuple[Action, ...] = (
            goal_action(f"Adapt “{goal.title}” to your pace", InsightActionKind.ADAPT_GOAL, goal.id),
            open_page(f"Open “{goal.title}”", goal_href(goal.id)),
        )
        draft = Draft(
            rule_key=KEY,
            dedupe_key=f"{KEY}:goal:{goal.id}:target:{goal.target_date.isoformat()}",
            values={
                "goal": goal.title,
                "target_date": goal.target_date.isoformat(),
                "progress": goal.progress,
                "elapsed": elapsed,
                "projected": projected.isoformat(),
                "late_days": late_days,
            },
            evidence=(
                Evidence("Progress", f"{goal.progress}% after {elapsed} days"),
                Evidence("Projected finish at this pace", projected.isoformat()),
                Evidence("Target date", goal.target_date.isoformat()),
                Evidence("Threshold", f"more than {conditions.slack_days} days late ({late_days} projected)"),
            ),
            actions=actions,
            valid_until=facts.now + timedelta(days=VALID_DAYS),
        )
        found.append((-late_days, goal.id, draft))
    found.sort(key=lambda item: (item[0], item[1]))
    return [draft for _, _, draft in found]
