"""Welcome back: the first visit after `away_days` or more days away (whole days between the previous
visit, `facts.last_seen_at`, and now). One summary, built from stored facts only:

* goal progress since the previous visit: points logged per goal (or that none was logged);
* the week of a goal in which the person usually accelerates (learning patterns, when sufficient);
* one skill they care about (profile skills, skills named in active goals) whose share of postings
  rose in the market window, with at least `MIN_TREND_POSTINGS` postings naming it;
* one suggested action: a follow-up that is due, else progress on the quietest active goal, else a
  first goal.

Shown once: the dedupe key names the day of the previous visit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, timedelta

from api.dates import aware, local_date
from api.guidance.conditions import WelcomeBack
from api.guidance.facts import Action, Draft, Evidence, SkillDemand, UserFacts
from api.guidance.rules._links import goal_href, open_page
from api.guidance.rules._pace import last_activity, today
from api.skill.taxonomy import canonical, extract_skills
from api.vocabulary import ApplicationStatus, EmailKind, GoalStatus, InsightActionKind

KEY = "welcome_back"
VALID_DAYS = 2
MIN_TREND_POSTINGS = 5  # fewer postings naming a skill: no trend is claimed
FOLLOW_UP_DAYS = 7


def away_days(facts: UserFacts) -> int | None:
    if facts.last_seen_at is None:
        return None
    return (aware(facts.now) - aware(facts.last_seen_at)).days


def evaluate(facts: UserFacts, conditions: WelcomeBack) -> list[Draft]:
    away = away_days(facts)
    if away is None or away < conditions.away_days:
        return []
    assert facts.last_seen_at is not None
    since = aware(facts.last_seen_at)
    evidence: list[Evidence] = [Evidence("Away", f"{away} days (last visit {local_date(since, facts.timezone).isoformat()})")]
    parts = [_progress(facts, since, evidence)]
    acceleration = _acceleration(facts, evidence)
    if acceleration:
        parts.append(acceleration)
    trending = _trending(facts, evidence)
    if trending:
        parts.append(trending)
    action, suggestion = _suggestion(facts)
    parts.append(suggestion)
    return [
        Draft(
            rule_key=KEY,
            dedupe_key=f"{KEY}:{local_date(since, facts.timezone).isoformat()}",
            values={"away_days": away, "summary": " ".join(parts)},
            evidence=tuple(evidence),
            actions=(action,),
            valid_until=facts.now + timedelta(days=VALID_DAYS),
        )
    ]


def _progress(facts: UserFacts, since: datetime, evidence: list[Evidence]) -> str:
    points: dict[int, int] = defaultdict(int)
    for entry in facts.entries:
        if aware(entry.logged_at) > since:
            points[entry.goal_id] += entry.amount
    moved = [(goal, points[goal.id]) for goal in facts.goals if points.get(goal.id, 0) > 0]
    if not moved:
        return "No goal progress was logged while you were away."
    moved.sort(key=lambda item: (-item[1], item[0].id))
    for goal, gained in moved:
        evidence.append(Evidence(goal.title, f"+{gained} points since your last visit, now {goal.progress}%"))
    listed = ", ".join(f"+{gained} points on {goal.title} (now {goal.progress}%)" for goal, gained in moved)
    return f"Since your last visit: {listed}."


def _acceleration(facts: UserFacts, evidence: list[Evidence]) -> str | None:
    patterns = facts.patterns if isinstance(facts.patterns, Mapping) else {}
    acceleration = patterns.get("acceleration") or {}
    week = acceleration.get("week") if isinstance(acceleration, Mapping) and acceleration.get("sufficient") else None
    if not isinstance(week, int):
        return None
    evidence.append(Evidence("Acceleration week", f"week {week} (from your learning patterns)"))
    return f"You usually pick up speed in week {week} of a goal."


def _interests(facts: UserFacts) -> list[str]:
    """Skills the person cares about: named in active goals first, then the profile's."""
    names: list[str] = []
    for goal in sorted(facts.goals, key=lambda g: g.id):
        if goal.status == GoalStatus.ACTIVE:
            names.extend(m.name for m in extract_skills(f"{goal.title}\n{goal.why}"))
    names.extend(facts.skills)
    seen: set[str] = set()
    unique: list[str] = []
    for name in names:
        key = canonical(name).lower()
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def _trending(facts: UserFacts, evidence: list[Evidence]) -> str | None:
    market = facts.market
    if market is None:
        return None
    best: tuple[float, SkillDemand] | None = None
    for name in _interests(facts):
        demand = market.demand(name) or market.demand(canonical(name))
        if demand is None or demand.current < MIN_TREND_POSTINGS or demand.previous_share <= 0:
            continue
        rise = (demand.current_share - demand.previous_share) / demand.previous_share * 100
        if rise > 0 and (best is None or rise > best[0]):
            best = (rise, demand)
    if best is None:
        return None
    rise, demand = best
    counts = (
        f"{demand.current} of {demand.current_total} postings in the last {market.window_days} days "
        f"vs {demand.previous} of {demand.previous_total} before; +{round(rise)}%"
    )
    evidence.append(Evidence(demand.skill, counts))
    return f"{demand.skill} is trending: {counts}."


def _suggestion(facts: UserFacts) -> tuple[Action, str]:
    local_today = today(facts)
    due = [
        a
        for a in facts.applications
        if a.status == ApplicationStatus.APPLIED
        and (local_today - local_date(a.last_change_at, facts.timezone)).days >= FOLLOW_UP_DAYS
    ]
    if due:
        oldest = min(due, key=lambda a: (a.last_change_at, a.id))
        action = Action(
            label=f"Draft a follow-up email to {oldest.company}",
            kind=InsightActionKind.DRAFT_EMAIL,
            arguments={"application_id": oldest.id, "email_kind": EmailKind.FOLLOW_UP.value},
        )
        return action, f"Next step: follow up on {oldest.title} at {oldest.company}."
    active = [g for g in facts.goals if g.status == GoalStatus.ACTIVE]
    if active:
        quietest = min(active, key=lambda g: (last_activity(facts, g), g.id))
        action = open_page(f"Log progress on “{quietest.title}”", goal_href(quietest.id))
        return action, f"Next step: log progress on {quietest.title}."
    return open_page("Set a goal", "/goals"), "Next step: set a goal to work towards."
