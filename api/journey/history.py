"""A user's stored history mapped onto the analytics' input dataclasses, and the analytics run
over it. The only bridge between the database rows and the pure code in analytics.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from api.journey import analytics, repository
from api.models import (
    CareerContext,
    CareerJourney,
    Goal,
    GoalProgressEntry,
    GoalStep,
    Milestone,
    SkillSnapshot,
    User,
)

# The profile's experience level is the journey's stage until the user sets one.
STAGE_FROM_EXPERIENCE = {"junior": "entry", "mid": "mid", "senior": "senior", "lead": "lead"}


def default_stage(user: User) -> str:
    return STAGE_FROM_EXPERIENCE.get(user.experience_level, "mid")


def local_today(timezone: str, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(timezone)).date()


def journey_input(journey: CareerJourney | None, user: User) -> analytics.Journey:
    if journey is None:
        return analytics.Journey(current_role="", career_stage=default_stage(user))
    return analytics.Journey(
        current_role=journey.current_role,
        career_stage=journey.career_stage,
        target_role=journey.target_role or None,
        role_started_on=journey.role_started_on,
    )


def context_input(context: CareerContext | None) -> analytics.CareerContext:
    if context is None:
        return analytics.CareerContext()
    return analytics.CareerContext(
        learning_preferences=tuple(context.learning_preferences),
        hours_per_week=context.hours_per_week,
        budget=context.budget,
        commitments=tuple(context.commitments),
        motivation_factors=tuple(context.motivation_factors),
        stress_factors=tuple(context.stress_factors),
        stress_level=context.stress_level,
        last_assessed_on=context.last_assessed_on,
    )


def milestone_input(m: Milestone) -> analytics.Milestone:
    return analytics.Milestone(kind=m.kind, title=m.title, achieved_on=m.achieved_on, impact=m.impact_score)


def snapshot_input(s: SkillSnapshot) -> analytics.SkillSnapshot:
    return analytics.SkillSnapshot(taken_on=s.taken_on, skills={k: float(v) for k, v in s.skills.items()})


def goal_input(goal: Goal, steps: Sequence[GoalStep]) -> analytics.Goal:
    return analytics.Goal(
        id=goal.id,
        title=goal.title,
        created_on=goal.started_on,
        status=goal.status,
        difficulty=goal.difficulty,
        why=goal.why,
        target_date=goal.target_date,
        completed_on=goal.completed_on,
        abandoned_on=goal.abandoned_on,
        steps=tuple(analytics.GoalStep(s.title, s.done, s.done_at) for s in steps),
        progress=float(goal.progress),
    )


def entry_input(e: GoalProgressEntry) -> analytics.ProgressEntry:
    return analytics.ProgressEntry(
        goal_id=e.goal_id,
        logged_at=e.logged_at,
        amount=float(e.amount),
        minutes=e.minutes,
        learning_format=e.learning_format,
        note=e.note or None,
        mood=e.mood,
        energy=e.energy,
    )


def peer_transitions(moves: Sequence[repository.RoleMove]) -> list[analytics.PeerTransition]:
    """Consecutive role moves per peer; the peer key is an opaque per-run index."""
    by_user: dict[int, list[repository.RoleMove]] = defaultdict(list)
    for move in moves:
        by_user[move.user_id].append(move)
    transitions = []
    for index, user_moves in enumerate(by_user.values()):
        for before, after in zip(user_moves, user_moves[1:]):
            years = (after.achieved_on - before.achieved_on).days / 365.25
            if years > 0 and before.role != after.role:
                transitions.append(analytics.PeerTransition(before.role, after.role, years, f"peer-{index}"))
    return transitions


@dataclass
class History:
    user: User
    journey_row: CareerJourney | None
    journey: analytics.Journey
    context: analytics.CareerContext
    goals: list[analytics.Goal]
    entries: list[analytics.ProgressEntry]
    milestones: list[analytics.Milestone]
    snapshots: list[analytics.SkillSnapshot]
    now: datetime

    @property
    def timezone(self) -> str:
        return self.user.timezone

    @property
    def today(self) -> date:
        return local_today(self.timezone, self.now)

    def patterns(self) -> analytics.LearningPatterns:
        return analytics.learning_patterns(self.goals, self.entries, self.timezone, self.now)

    def velocity(self) -> analytics.Velocity:
        return analytics.career_velocity(
            self.milestones, self.snapshots, self.today, ladder=analytics.load_ladder(), current_role=self.journey.current_role
        )

    def prediction(self, peers: Sequence[analytics.PeerTransition] | None = None) -> analytics.Prediction:
        return analytics.predict_next_milestone(
            self.journey, self.milestones, self.snapshots, analytics.load_ladder(), self.today, peers or None
        )



async def load_history(session: AsyncSession, user: User, now: datetime | None = None) -> History:
    user_id = user.id
    journey = await repository.journey_for(session, user_id)
    context = await repository.context_for(session, user_id)
    goals, goal_steps, entries = await repository.goal_history(session, user_id)
    steps: dict[int, list[GoalStep]] = defaultdict(list)
    for step in goal_steps:
        steps[step.goal_id].append(step)
    return History(
        user=user,
        journey_row=journey,
        journey=journey_input(journey, user),
        context=context_input(context),
        goals=[goal_input(g, steps[g.id]) for g in goals],
        entries=[entry_input(e) for e in entries],
        milestones=[milestone_input(m) for m in await repository.all_milestones(session, user_id)],
        snapshots=[snapshot_input(s) for s in await repository.all_snapshots(session, user_id)],
        now=now or datetime.now(UTC),
    )
