"""A user's stored history mapped onto the analytics' input records, and the analytics run over
it. The only bridge between the database rows and the pure analytics (patterns, velocity,
prediction, ladder)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.dates import local_today
from api.journey import records, repository
from api.journey.common import years_between
from api.journey.ladder import load_ladder
from api.journey.patterns import LearningPatterns, learning_patterns
from api.journey.prediction import Prediction, predict_next_milestone
from api.journey.velocity import Velocity, career_velocity
from api.models import CareerContext, CareerJourney, Goal, GoalProgressEntry, GoalStep, Milestone, SkillSnapshot, User
from api.vocabulary import CareerStage, ExperienceLevel, GoalDifficulty, GoalStatus, LearningFormat, MilestoneKind

# The profile's experience level is the journey's stage until the user sets one.
STAGE_FROM_EXPERIENCE: dict[str, CareerStage] = {
    ExperienceLevel.JUNIOR: CareerStage.ENTRY,
    ExperienceLevel.MID: CareerStage.MID,
    ExperienceLevel.SENIOR: CareerStage.SENIOR,
    ExperienceLevel.LEAD: CareerStage.LEAD,
}


def default_stage(user: User) -> CareerStage:
    return STAGE_FROM_EXPERIENCE.get(user.experience_level, CareerStage.MID)


def journey_input(journey: CareerJourney | None, user: User) -> records.Journey:
    if journey is None:
        return records.Journey(current_role="", career_stage=default_stage(user))
    return records.Journey(
        current_role=journey.current_role,
        career_stage=CareerStage(journey.career_stage),
        target_role=journey.target_role or None,
        role_started_on=journey.role_started_on,
    )


def context_input(context: CareerContext | None) -> records.CareerContext:
    if context is None:
        return records.CareerContext()
    return records.CareerContext(
        learning_preferences=tuple(LearningFormat(f) for f in context.learning_preferences),
        hours_per_week=context.hours_per_week,
        budget=context.budget,
        commitments=tuple(context.commitments),
        motivation_factors=tuple(context.motivation_factors),
        stress_factors=tuple(context.stress_factors),
        stress_level=context.stress_level,
        last_assessed_on=context.last_assessed_on,
    )


def milestone_input(m: Milestone) -> records.Milestone:
    return records.Milestone(kind=MilestoneKind(m.kind), title=m.title, achieved_on=m.achieved_on, impact=m.impact_score)


def snapshot_input(s: SkillSnapshot) -> records.SkillSnapshot:
    return records.SkillSnapshot(taken_on=s.taken_on, skills={k: float(v) for k, v in s.skills.items()})


def goal_input(goal: Goal, steps: Sequence[GoalStep]) -> records.Goal:
    return records.Goal(
        id=goal.id,
        title=goal.title,
        created_on=goal.started_on,
        status=GoalStatus(goal.status),
        difficulty=GoalDifficulty(goal.difficulty),
        why=goal.why,
        target_date=goal.target_date,
        completed_on=goal.completed_on,
        abandoned_on=goal.abandoned_on,
        steps=tuple(records.GoalStep(s.title, s.done, s.done_at) for s in steps),
        progress=float(goal.progress),
    )


def entry_input(e: GoalProgressEntry) -> records.ProgressEntry:
    return records.ProgressEntry(
        goal_id=e.goal_id,
        logged_at=e.logged_at,
        amount=float(e.amount),
        minutes=e.minutes,
        learning_format=LearningFormat(e.learning_format) if e.learning_format is not None else None,
        note=e.note or None,
        mood=e.mood,
        energy=e.energy,
    )


def peer_transitions(moves: Sequence[repository.RoleMove]) -> list[records.PeerTransition]:
    """Consecutive role moves per peer; the peer key is an opaque per-run index."""
    by_user: dict[int, list[repository.RoleMove]] = defaultdict(list)
    for move in moves:
        by_user[move.user_id].append(move)
    transitions = []
    for index, user_moves in enumerate(by_user.values()):
        for before, after in itertools.pairwise(user_moves):
            years = years_between(before.achieved_on, after.achieved_on)
            if years > 0 and before.role != after.role:
                transitions.append(records.PeerTransition(before.role, after.role, years, f"peer-{index}"))
    return transitions


@dataclass
class History:
    user: User
    journey: records.Journey
    context: records.CareerContext
    goals: list[records.Goal]
    entries: list[records.ProgressEntry]
    milestones: list[records.Milestone]
    snapshots: list[records.SkillSnapshot]
    now: datetime

    @property
    def timezone(self) -> str:
        return self.user.timezone

    @property
    def today(self) -> date:
        return local_today(self.timezone, self.now)

    def patterns(self) -> LearningPatterns:
        return learning_patterns(self.goals, self.entries, self.timezone, self.now)

    def velocity(self) -> Velocity:
        return career_velocity(
            self.milestones, self.snapshots, self.today, ladder=load_ladder(), current_role=self.journey.current_role
        )

    def prediction(self, peers: Sequence[records.PeerTransition] | None = None) -> Prediction:
        return predict_next_milestone(self.journey, self.milestones, self.snapshots, load_ladder(), self.today, peers or None)


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
        journey=journey_input(journey, user),
        context=context_input(context),
        goals=[goal_input(g, steps[g.id]) for g in goals],
        entries=[entry_input(e) for e in entries],
        milestones=[milestone_input(m) for m in await repository.all_milestones(session, user_id)],
        snapshots=[snapshot_input(s) for s in await repository.all_snapshots(session, user_id)],
        now=now or datetime.now(UTC),
    )
