"""Goal suggestions that fit the user's capacity, habits, track record and skill gaps.

Rules:

* **Skills**: key skills of the target role (or the usual next role) where the latest
  snapshot is at least 0.05 below the expected level, biggest gap first, skipping
  skills an active goal already covers (skill name appears in its title).
* **Length**: two thirds (rounded up) of the longest goal length the user reliably
  finishes (``patterns.goal_length.recommended_max_weeks``), else 4 weeks; at most
  3 weeks under high stress; clamped to 2-8 weeks.
* **Difficulty**: the hardest difficulty with >= 2 finished goals and a completion
  rate >= 60 %, else the stage default (entry: easy, mid/senior: medium,
  lead/executive: hard); one step easier if that level's rate is < 50 % (>= 2
  finished), and one step easier again with low capacity (< 2 h/week or high stress).
* **Format**: the format that dominated completed goals, else the most-used format
  by minutes, else the first stated preference, else hands-on; courses are skipped
  when the budget is 0.
* **How many**: 1 under high stress or with >= 2 active goals, else ``limit``.
  Without any skill gap a single check-in goal is suggested.
* **Distinct**: a skill gap counts the person's rated skills through the taxonomy (Python shows
  programming), and suggestions never repeat a title or a skill.

High stress = stress level >= 4 or at least 3 stress factors.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from api.journey.common import display_skill, norm
from api.journey.ladder import Ladder, SkillGap, latest_snapshot, resolve_roles, role_name
from api.journey.patterns import LearningPatterns
from api.journey.records import DIFFICULTY_ORDER, CareerContext, Goal, Journey, SkillSnapshot
from api.vocabulary import CareerStage, GoalDifficulty, GoalStatus, LearningFormat
from api.wording import plural

DEFAULT_WEEKS = 4
MIN_WEEKS, MAX_WEEKS = 2, 8
HIGH_STRESS_MAX_WEEKS = 3
LOW_HOURS = 2.0
HIGH_STRESS_LEVEL = 4
HIGH_STRESS_FACTORS = 3
MIN_GAP = 0.05
PROVEN_RATE, FAILING_RATE, MIN_FINISHED_PER_LEVEL = 0.6, 0.5, 2
ASSESSMENT_MAX_AGE_DAYS = 180

STAGE_DIFFICULTY = {
    CareerStage.ENTRY: GoalDifficulty.EASY,
    CareerStage.MID: GoalDifficulty.MEDIUM,
    CareerStage.SENIOR: GoalDifficulty.MEDIUM,
    CareerStage.LEAD: GoalDifficulty.HARD,
    CareerStage.EXECUTIVE: GoalDifficulty.HARD,
}
KINDS = {
    LearningFormat.HANDS_ON: "hands-on project",
    LearningFormat.COURSES: "course",
    LearningFormat.READING: "reading plan",
    LearningFormat.VIDEO: "video series",
    LearningFormat.MENTORING: "mentoring plan",
}
TITLES = {
    LearningFormat.HANDS_ON: "Practise {skill} in a small hands-on project",
    LearningFormat.COURSES: "Complete a short course on {skill}",
    LearningFormat.READING: "Read and summarise a book on {skill}",
    LearningFormat.VIDEO: "Work through a video series on {skill}",
    LearningFormat.MENTORING: "Learn {skill} with a mentor",
}
STEPS = {
    LearningFormat.HANDS_ON: (
        "Pick a small project or task where you can practise {skill}",
        "Do a first round of practice",
        "Get feedback from a peer",
        "Do a second, improved round",
        "Write up what you learned",
    ),
    LearningFormat.COURSES: (
        "Pick a short course on {skill}",
        "Complete the first half of the modules",
        "Finish the remaining modules",
        "Do the course project or exercises",
        "Apply one lesson at work and note the result",
    ),
    LearningFormat.READING: (
        "Choose one book or series on {skill}",
        "Read the first half and take notes",
        "Finish reading",
        "Write a one-page summary",
        "Try one idea from it in practice",
    ),
    LearningFormat.VIDEO: (
        "Pick a video series on {skill}",
        "Watch the first half and take notes",
        "Finish the series",
        "Rebuild one example on your own",
        "Share a short summary",
    ),
    LearningFormat.MENTORING: (
        "Find a mentor strong in {skill}",
        "Agree on goals for the sessions",
        "Hold the sessions and note actions",
        "Apply one action between sessions",
        "Review progress with your mentor",
    ),
}
STEP_COUNT = {GoalDifficulty.EASY: 3, GoalDifficulty.MEDIUM: 4, GoalDifficulty.HARD: 5, GoalDifficulty.STRETCH: 5}


@dataclass(frozen=True)
class GoalSuggestion:
    title: str
    why: str
    difficulty: GoalDifficulty
    target_date: date
    steps: tuple[str, ...]
    learning_format: LearningFormat
    skill: str | None
    weeks: int
    hours_per_week: float | None


def is_high_stress(context: CareerContext) -> bool:
    return (context.stress_level is not None and context.stress_level >= HIGH_STRESS_LEVEL) or (
        len(context.stress_factors) >= HIGH_STRESS_FACTORS
    )


def easier(level: GoalDifficulty) -> GoalDifficulty:
    return DIFFICULTY_ORDER[max(0, DIFFICULTY_ORDER.index(level) - 1)]


def _difficulty(journey: Journey, patterns: LearningPatterns, low_capacity: bool) -> GoalDifficulty:
    level = STAGE_DIFFICULTY[journey.career_stage]
    success = patterns.success_by_difficulty
    if success.sufficient:
        rows = [r for r in success.by_difficulty if r.completed + r.abandoned >= MIN_FINISHED_PER_LEVEL]
        proven = [r.difficulty for r in rows if r.rate is not None and r.rate >= PROVEN_RATE]
        if proven:
            level = max(proven, key=DIFFICULTY_ORDER.index)
        failing = {r.difficulty for r in rows if r.rate is not None and r.rate < FAILING_RATE}
        if level in failing:
            level = easier(level)
    if low_capacity:
        level = easier(level)
    return level


def _format(context: CareerContext, patterns: LearningPatterns) -> LearningFormat:
    candidates = [
        patterns.format_by_completion.preferred if patterns.format_by_completion.sufficient else None,
        patterns.format_by_minutes.preferred if patterns.format_by_minutes.sufficient else None,
        *context.learning_preferences,
    ]
    for fmt in candidates:
        if fmt is not None and not (fmt == LearningFormat.COURSES and context.budget == 0):
            return fmt
    return LearningFormat.HANDS_ON


def _weeks(patterns: LearningPatterns, high_stress: bool) -> int:
    length = patterns.goal_length
    if length.sufficient and length.recommended_max_weeks:
        weeks = math.ceil(length.recommended_max_weeks * 2 / 3)
    else:
        weeks = DEFAULT_WEEKS
    if high_stress:
        weeks = min(weeks, HIGH_STRESS_MAX_WEEKS)
    return max(MIN_WEEKS, min(MAX_WEEKS, weeks))


def _fit_sentence(context, patterns, weeks, fmt, high_stress) -> str:
    kind = f"a {weeks}-week {KINDS[fmt]}"
    if context.hours_per_week is None:
        head = "You haven't set your weekly hours"
    else:
        head = f"You have {context.hours_per_week:g} h/week"
    length = patterns.goal_length
    if length.sufficient and length.finish_up_to_weeks:
        head += f" and finish goals up to {length.finish_up_to_weeks} weeks"
    if high_stress:
        stress = (
            f"stress at {context.stress_level}/5" if context.stress_level else f"{len(context.stress_factors)} stress factors"
        )
        return f"{head}; with {stress}, {kind} keeps it light."
    return f"{head}; {kind} fits."


def _skill_sentence(gap: SkillGap, target: str, has_snapshot: bool, history: str) -> str:
    skill = display_skill(gap.skill, sentence_start=True)
    if not has_snapshot:
        text = f"{skill} is a key skill for {target} and you haven't rated it yet"
    else:
        text = f"{skill} is at {gap.have:.2f} vs {gap.need:.2f} expected for {target}"
    return f"{text}{history}."


def suggest_goals(
    context: CareerContext,
    journey: Journey,
    goals: Sequence[Goal],
    patterns: LearningPatterns,
    snapshots: Sequence[SkillSnapshot],
    ladder: Ladder,
    today: date,
    *,
    limit: int = 3,
) -> list[GoalSuggestion]:
    """Suggest up to ``limit`` goals; every ``why`` is built from the user's own numbers (the
    progress log reaches them through ``patterns``: formats, goal lengths, success rates)."""
    high_stress = is_high_stress(context)
    low_capacity = high_stress or (context.hours_per_week is not None and context.hours_per_week < LOW_HOURS)
    active = [g for g in goals if g.status == GoalStatus.ACTIVE]
    if high_stress or len(active) >= 2:
        limit = min(limit, 1)

    weeks = _weeks(patterns, high_stress)
    difficulty = _difficulty(journey, patterns, low_capacity)
    fmt = _format(context, patterns)
    target_date = today + timedelta(weeks=weeks)
    fit = _fit_sentence(context, patterns, weeks, fmt, high_stress)
    history = ""
    row = patterns.success_by_difficulty.rate(difficulty)
    if patterns.success_by_difficulty.sufficient and row.completed + row.abandoned:
        history = f"; you completed {row.completed} of {row.completed + row.abandoned} {difficulty.value} goals"

    current, target, _ = resolve_roles(ladder, journey.current_role, journey.target_role)
    typed_target = journey.target_role if target is not None and ladder.find(journey.target_role) is target else None
    target_name = role_name(target, typed_target, current, journey.current_role) or ""
    snap = latest_snapshot([s for s in snapshots if s.taken_on <= today])
    covered = " | ".join(norm(g.title) for g in active)
    gaps = [g for g in (ladder.skill_gaps(target, snap) if target else []) if g.gap >= MIN_GAP and g.skill not in covered]
    steps_n = STEP_COUNT[difficulty]
    distinct: list[SkillGap] = []
    for gap in gaps:
        title = norm(TITLES[fmt].format(skill=display_skill(gap.skill)))
        if all(norm(TITLES[fmt].format(skill=display_skill(d.skill))) != title and d.skill != gap.skill for d in distinct):
            distinct.append(gap)
    suggestions = [
        GoalSuggestion(
            title=TITLES[fmt].format(skill=display_skill(gap.skill)),
            why=f"{fit} {_skill_sentence(gap, target_name, snap is not None, history)}",
            difficulty=difficulty,
            target_date=target_date,
            steps=tuple(s.format(skill=display_skill(gap.skill)) for s in STEPS[fmt][:steps_n]),
            learning_format=fmt,
            skill=gap.skill,
            weeks=weeks,
            hours_per_week=context.hours_per_week,
        )
        for gap in distinct[:limit]
    ]
    if suggestions:
        return suggestions
    return [_check_in(context, journey, target_name if target else None, snap, today, weeks, fmt)]


def _check_in(context, journey, target, snap, today, weeks, fmt) -> GoalSuggestion:
    assessed = max((d for d in (context.last_assessed_on, snap.taken_on if snap else None) if d), default=None)
    stale = assessed is None or (today - assessed).days > ASSESSMENT_MAX_AGE_DAYS
    if target is None:
        title = "Choose your next target role"
        reason = f"There is no target role on the ladder after {journey.current_role} yet."
        steps = (
            "List three roles you find interesting",
            "Talk to someone in each role",
            "Pick one target role and note its key skills",
        )
    elif stale:
        when = f"was {plural((today - assessed).days, 'day')} ago" if assessed else "hasn't happened yet"
        title = "Refresh your skill assessment"
        reason = f"Your last skill assessment {when}, so your gaps for {target} may be out of date."
        steps = (
            "Rate your current skills",
            f"Compare them with {target}'s key skills",
            "Pick the biggest gap for your next goal",
        )
    else:
        title = f"Showcase your readiness for {target}"
        reason = f"You already meet the key skills for {target}."
        steps = ("Collect evidence of your impact", "Discuss the next step with your manager", "Agree on a timeline")
    hours = f"{context.hours_per_week:g} h/week" if context.hours_per_week is not None else "a few hours a week"
    why = f"{reason} It is a short {weeks}-week goal that fits {hours}."
    return GoalSuggestion(
        title, why, GoalDifficulty.EASY, today + timedelta(weeks=weeks), steps, fmt, None, weeks, context.hours_per_week
    )


__all__ = ["GoalSuggestion", "easier", "is_high_stress", "suggest_goals"]
