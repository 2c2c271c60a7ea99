"""Market nudge: demand for a skill the person is working towards rises.

Skills considered: those named in an ACTIVE goal's title or why (whole word, case-insensitive, or a
taxonomy alias) among the market's skill names, and the person's skill gaps (a must-have of their
jobs that the profile does not list). Demand is the share of postings naming the skill; the rise is
relative: (current share - previous share) / previous share. It fires when the rise is at least
`rise_percent` and at least `min_postings` postings of the current window name the skill (fewer:
silence). A skill with no postings in the previous window has no baseline and stays silent.
The window is the one the market facts were gathered over (`facts.market.window_days`; the loader
uses the rule's `window_days`), and it is the one the message states.

Action: open the related goal (a goal's skill), or create a goal to learn it (a gap). One insight per
skill and market week (`market_nudge:<skill>:<ISO week of the market's as_of>`).
"""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

from api.dates import iso_week
from api.guidance.conditions import MarketNudge
from api.guidance.facts import Action, Draft, Evidence, GoalFact, SkillDemand, UserFacts
from api.guidance.rules._common import mentions, number, plural, profile_keys, rounded, skill_key, skill_name, today
from api.guidance.rules._links import create_goal, goal_href, open_page
from api.vocabulary import GoalStatus

KEY = "market_nudge"
VALID_DAYS = 7
GOAL_WEEKS = 8


def evaluate(facts: UserFacts, conditions: MarketNudge) -> list[Draft]:
    market = facts.market
    if market is None or not market.skills:
        return []
    candidates = _candidates(facts)
    drafts: list[tuple[Fraction, str, Draft]] = []
    for key, goal in candidates.items():
        demand = market.demand(key)
        if demand is None or demand.current < conditions.min_postings or not demand.previous or not demand.current_total:
            continue
        rise = _rise(demand)
        if rise < Fraction(conditions.rise_percent):
            continue
        drafts.append((rise, key, _draft(facts, conditions, demand, rise, goal)))
    drafts.sort(key=lambda item: (-item[0], item[1]))
    return [draft for _, _, draft in drafts]


def _rise(demand: SkillDemand) -> Fraction:
    """The relative rise of the share of postings, in percent, exact (20% is 20%, not 19.999…)."""
    current = Fraction(demand.current, demand.current_total)
    previous = Fraction(demand.previous, demand.previous_total)
    return (current - previous) / previous * 100


def _candidates(facts: UserFacts) -> dict[str, GoalFact | None]:
    """Market skill key -> the first active goal naming it (None for a skill gap)."""
    assert facts.market is not None
    market_names = [demand.skill for demand in facts.market.skills.values()]
    found: dict[str, GoalFact | None] = {}
    for goal in sorted(facts.goals, key=lambda g: g.id):
        if goal.status != GoalStatus.ACTIVE:
            continue
        for name in mentions(f"{goal.title}\n{goal.why}", market_names):
            found.setdefault(name.lower(), goal)
    have = profile_keys(facts)
    for job in facts.jobs:
        for must in job.must_haves:
            if skill_key(must) in have:
                continue
            demand = facts.market.demand(must) or facts.market.demand(skill_name(must))
            if demand is not None:
                found.setdefault(demand.skill.lower(), None)
    return found


def _draft(facts: UserFacts, conditions: MarketNudge, demand: SkillDemand, rise: Fraction, goal: GoalFact | None) -> Draft:
    assert facts.market is not None
    window = facts.market.window_days
    skill = demand.skill
    shown_rise = rounded(rise)
    actions: tuple[Action, ...]
    if goal is not None:
        suggestion = f"A good moment to accelerate your goal “{goal.title}”."
        actions = (open_page(f"Open “{goal.title}”", goal_href(goal.id)),)
        related = Evidence("Related goal", goal.title)
    else:
        suggestion = f"Your jobs ask for {skill} and your profile does not list it yet: a goal to learn it would pay off."
        why = f"Demand for {skill} rose {shown_rise}% in the last {window} days and your jobs require it."
        steps = [f"Learn the basics of {skill}", f"Use {skill} in a small project of your own", f"Add {skill} to your profile"]
        actions = (create_goal(f"Learn {skill}", why, today(facts) + timedelta(weeks=GOAL_WEEKS), steps),)
        related = Evidence("Skill gap", f"{skill} is a must-have of your jobs and missing from your profile")
    current_percent = demand.current_share * 100
    previous_percent = demand.previous_share * 100
    return Draft(
        rule_key=KEY,
        dedupe_key=f"{KEY}:{skill_key(skill)}:{iso_week(facts.market.as_of)}",
        values={
            "skill": skill,
            "rise": shown_rise,
            "current": demand.current,
            "current_total": demand.current_total,
            "previous": demand.previous,
            "previous_total": demand.previous_total,
            "window_days": window,
            "min_postings": conditions.min_postings,
            "suggestion": suggestion,
        },
        evidence=(
            Evidence(
                skill,
                f"{demand.current} of {demand.current_total} postings in the last {window} days "
                f"vs {demand.previous} of {demand.previous_total} before; +{shown_rise}%",
            ),
            Evidence("Share of postings", f"{current_percent:.1f}% vs {previous_percent:.1f}%"),
            Evidence(
                "Threshold",
                f"a rise of at least {number(conditions.rise_percent)}% with at least "
                f"{plural(conditions.min_postings, 'posting')} in the window ({demand.current} found)",
            ),
            related,
        ),
        actions=actions,
        valid_until=facts.now + timedelta(days=VALID_DAYS),
    )
