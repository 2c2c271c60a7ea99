"""Goals, their ordered steps and the progress log.

Progress is 0..100. A goal with steps derives it from them (done / all); a goal without steps
takes logged points. Ticking a step, from goalStepToggle or from a progress log, writes a log
entry with the points it added, so the analytics see every bit of progress with its time.
Reaching 100 completes an active goal; dropping below 100 reopens a completed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.dates import local_today
from api.db import owned
from api.errors import AppError, ErrorCode, InvalidTransition, NotFound, Validator, found
from api.goal import repository
from api.goal.adaptation import Adaptation, adapt_goal_difficulty
from api.goal.suggestions import GoalSuggestion, suggest_goals
from api.journey import service as journey_service
from api.journey.history import load_history
from api.journey.ladder import load_ladder
from api.models import Decision, Goal, GoalProgressEntry, GoalStep, User
from api.vocabulary import DecisionKind, GoalDifficulty, GoalStatus, LearningFormat, TriggerType

TITLE_LIMIT = 200
TEXT_LIMIT = 5_000
NOTE_LIMIT = 2_000
MAX_STEPS = 30
MAX_MINUTES = 1_440
MAX_SUGGESTIONS = 5
FUTURE_SKEW = timedelta(minutes=5)
CLOSED = (GoalStatus.COMPLETED, GoalStatus.ABANDONED)


async def get(session: AsyncSession, user_id: int, goal_id: int, field: str = "id") -> Goal:
    goal = await owned(session, Goal, user_id, goal_id, for_update=True)
    if goal is None:
        raise NotFound("Goal not found", field)
    return goal


def step_progress(steps: list[GoalStep]) -> int:
    return round(100 * sum(1 for s in steps if s.done) / len(steps)) if steps else 0


def _clean_steps(check: Validator, titles: list[str] | None, field: str = "steps") -> list[str]:
    titles = list(titles or [])
    if len(titles) > MAX_STEPS:
        check.add(field, f"At most {MAX_STEPS} steps", ErrorCode.TOO_LONG)
        return []
    clean = []
    for title in titles:
        title = (title or "").strip()
        if not title:
            check.add(field, "Step titles cannot be empty", ErrorCode.REQUIRED)
        elif len(title) > TITLE_LIMIT:
            check.add(field, f"Step titles must be at most {TITLE_LIMIT} characters", ErrorCode.TOO_LONG)
        else:
            clean.append(title)
    return clean


def _validate(check: Validator, fields: dict[str, Any], *, creating: bool, today: date) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if creating or "title" in fields:
        clean["title"] = check.text("title", fields.get("title"), max_len=TITLE_LIMIT, required=True, label="Title")
    if "why" in fields:
        clean["why"] = check.text("why", fields["why"], max_len=TEXT_LIMIT, label="Why") or ""
    if "target_date" in fields:
        target = fields["target_date"]
        if creating and target is not None and target < today:
            check.add("target_date", "The target date cannot be in the past", ErrorCode.OUT_OF_RANGE)
        clean["target_date"] = target
    if fields.get("difficulty") is not None:
        check.one_of("difficulty", fields["difficulty"], GoalDifficulty, "Difficulty")
        clean["difficulty"] = fields["difficulty"]
    if "learning_format" in fields:
        check.one_of("learning_format", fields["learning_format"], LearningFormat, "Learning format", optional=True)
        clean["learning_format"] = fields["learning_format"]
    if fields.get("status") is not None:
        check.one_of("status", fields["status"], GoalStatus, "Status")
        clean["status"] = fields["status"]
    if fields.get("progress") is not None:
        if not (0 <= fields["progress"] <= 100):
            check.add("progress", "Progress must be between 0 and 100", ErrorCode.OUT_OF_RANGE)
        clean["progress"] = fields["progress"]
    return clean


def _settle(goal: Goal, before: int, today: date) -> None:
    """Progress changed from `before`: reaching 100 completes, leaving 100 reopens."""
    if goal.progress >= 100 > before and goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED):
        goal.status, goal.completed_on = GoalStatus.COMPLETED, today
    elif goal.progress < 100 and goal.status == GoalStatus.COMPLETED:
        goal.status, goal.completed_on = GoalStatus.ACTIVE, None


# --------------------------------------------------------------------------- create / update


async def create(
    session: AsyncSession, user_id: int, fields: dict[str, Any], steps: list[str] | None
) -> tuple[Goal, list[GoalStep]]:
    user = await journey_service.get_user(session, user_id)
    today = local_today(user.timezone)
    check = Validator()
    clean = _validate(check, {k: v for k, v in fields.items() if k not in ("status", "progress")}, creating=True, today=today)
    titles = _clean_steps(check, steps)
    check.check()
    goal = Goal(user_id=user_id, started_on=today, status=GoalStatus.ACTIVE, progress=0, **clean)
    session.add(goal)
    await session.flush()
    rows = [GoalStep(user_id=user_id, goal_id=goal.id, position=i, title=t) for i, t in enumerate(titles)]
    session.add_all(rows)
    await journey_service.flush_and_recompute(session, user_id)
    return goal, rows


async def update(
    session: AsyncSession, user_id: int, goal_id: int, fields: dict[str, Any], open_steps: list[str] | None
) -> tuple[Goal, list[GoalStep]]:
    """Only the given fields change. `open_steps` replaces the steps not done yet, in order
    (a title that matches an open step keeps that step); done steps are kept as they are."""
    user = await journey_service.get_user(session, user_id)
    today = local_today(user.timezone)
    check = Validator()
    clean = _validate(check, fields, creating=False, today=today)
    titles = _clean_steps(check, open_steps, "open_steps") if open_steps is not None else None
    check.check()
    goal = await get(session, user_id, goal_id)
    steps = await repository.steps_of(session, user_id, goal_id)
    if "progress" in clean and (steps or titles):
        raise AppError("This goal's progress comes from its steps; tick steps instead", "progress")
    before = goal.progress
    status = clean.pop("status", None)
    progress = clean.pop("progress", None)
    for name, value in clean.items():
        setattr(goal, name, value)
    if titles is not None:
        steps = await _replace_open_steps(session, user_id, goal, steps, titles)
    if steps:
        goal.progress = step_progress(steps)
    elif progress is not None:
        goal.progress = progress
    if status is not None and status != goal.status:
        _change_status(goal, steps, status, today)
    else:
        _settle(goal, before, today)
    await journey_service.flush_and_recompute(session, user_id)
    _evaluate_guidance(user_id, goal)
    return goal, steps


async def _replace_open_steps(
    session: AsyncSession, user_id: int, goal: Goal, steps: list[GoalStep], titles: list[str]
) -> list[GoalStep]:
    done = [s for s in steps if s.done]
    unused = [s for s in steps if not s.done]
    kept: list[GoalStep] = []
    for title in titles:
        match = next((s for s in unused if s.title == title), None)
        if match is not None:
            unused.remove(match)
            kept.append(match)
        else:
            step = GoalStep(user_id=user_id, goal_id=goal.id, title=title, position=0)
            session.add(step)
            kept.append(step)
    await repository.delete_steps(session, user_id, [s.id for s in unused])
    ordered = done + kept
    for position, step in enumerate(ordered):
        step.position = position
    await session.flush()
    return ordered


def _change_status(goal: Goal, steps: list[GoalStep], status: str, today: date) -> None:
    now = datetime.now(UTC)
    if status == GoalStatus.COMPLETED:
        for step in steps:
            if not step.done:
                step.done, step.done_at = True, now
        goal.progress, goal.completed_on, goal.abandoned_on = 100, today, None
    elif status == GoalStatus.ABANDONED:
        goal.abandoned_on, goal.completed_on = today, None
    else:  # active / paused: (re)open
        goal.completed_on = goal.abandoned_on = None
    goal.status = status


# --------------------------------------------------------------------------- steps and the log


async def toggle_step(
    session: AsyncSession, user_id: int, step_id: int, done: bool | None
) -> tuple[GoalStep, Goal, GoalProgressEntry | None]:
    user = await journey_service.get_user(session, user_id)
    step = found(await owned(session, GoalStep, user_id, step_id, for_update=True), "GoalStep not found", "id")
    goal = await get(session, user_id, step.goal_id)
    if goal.status == GoalStatus.ABANDONED:
        raise InvalidTransition("This goal is abandoned; reopen it before changing its steps", "id")
    done = (not step.done) if done is None else done
    if done == step.done:
        return step, goal, None
    steps = await repository.steps_of(session, user_id, goal.id)
    entry = _tick(step, goal, steps, done, user, datetime.now(UTC))
    if entry is not None:
        session.add(entry)
    await journey_service.flush_and_recompute(session, user_id)
    _evaluate_guidance(user_id, goal)
    return step, goal, entry


def _tick(step: GoalStep, goal: Goal, steps: list[GoalStep], done: bool, user: User, when: datetime) -> GoalProgressEntry | None:
    """Set a step's state, re-derive the goal's progress; a tick returns the log entry for it."""
    mine = next(s for s in steps if s.id == step.id)
    mine.done, mine.done_at = done, (when if done else None)
    before = goal.progress
    goal.progress = step_progress(steps)
    _settle(goal, before, local_today(user.timezone, when))
    if not done:
        return None
    return GoalProgressEntry(
        user_id=user.id,
        goal_id=goal.id,
        step_id=step.id,
        logged_at=when,
        amount=max(0, goal.progress - before),
        minutes=0,
        learning_format=goal.learning_format,
    )


async def split_step(session: AsyncSession, user_id: int, step_id: int, field: str = "id") -> tuple[Goal, list[GoalStep]]:
    """Break an open step into two in its place ("<title> — part 1", "<title> — part 2"); the steps
    after it move down one position and the goal's progress is derived again (one more open step)."""
    user = await journey_service.get_user(session, user_id)
    step = found(await owned(session, GoalStep, user_id, step_id, for_update=True), "GoalStep not found", field)
    goal = await get(session, user_id, step.goal_id, field)
    if goal.status in CLOSED:
        raise InvalidTransition(f"This goal is {goal.status}; reopen it before changing its steps", field)
    if step.done:
        raise InvalidTransition("That step is already done; only an open step can be split", field)
    steps = await repository.steps_of(session, user_id, goal.id)
    if len(steps) >= MAX_STEPS:
        raise AppError(f"A goal has at most {MAX_STEPS} steps", field, ErrorCode.TOO_LONG)
    title = step.title
    suffix_room = TITLE_LIMIT - len(" — part 1")
    base = title if len(title) <= suffix_room else title[: suffix_room - 1].rstrip() + "…"
    step.title = f"{base} — part 1"
    second = GoalStep(user_id=user_id, goal_id=goal.id, title=f"{base} — part 2", position=0)
    session.add(second)
    at = next(i for i, s in enumerate(steps) if s.id == step.id)
    ordered = [*steps[: at + 1], second, *steps[at + 1 :]]
    for position, each in enumerate(ordered):
        each.position = position
    before = goal.progress
    goal.progress = step_progress(ordered)
    _settle(goal, before, local_today(user.timezone))
    await journey_service.flush_and_recompute(session, user_id)
    return goal, ordered


@dataclass
class LogInput:
    amount: int | None = None
    minutes: int | None = None
    learning_format: str | None = None
    note: str | None = None
    mood: int | None = None
    energy: int | None = None
    step_id: int | None = None
    logged_at: datetime | None = None


async def log_progress(session: AsyncSession, user_id: int, goal_id: int, data: LogInput) -> tuple[GoalProgressEntry, Goal]:
    user = await journey_service.get_user(session, user_id)
    now = datetime.now(UTC)
    check = Validator()
    amount, minutes = data.amount or 0, data.minutes or 0
    if not (0 <= amount <= 100):
        check.add("amount", "Progress must be between 0 and 100 points", ErrorCode.OUT_OF_RANGE)
    if not (0 <= minutes <= MAX_MINUTES):
        check.add("minutes", f"Minutes must be between 0 and {MAX_MINUTES}", ErrorCode.OUT_OF_RANGE)
    check.one_of("learning_format", data.learning_format, LearningFormat, "Learning format", optional=True)
    note = check.text("note", data.note, max_len=NOTE_LIMIT, label="Note") or ""
    for value, field, label in ((data.mood, "mood", "Mood"), (data.energy, "energy", "Energy")):
        if value is not None and not (1 <= value <= 5):
            check.add(field, f"{label} must be between 1 and 5", ErrorCode.OUT_OF_RANGE)
    logged_at = data.logged_at or now
    if logged_at > now + FUTURE_SKEW:
        check.add("logged_at", "Progress cannot be logged in the future", ErrorCode.OUT_OF_RANGE)
    if not (amount or minutes or note or data.step_id is not None):
        check.add("amount", "Log some progress: points, minutes, a step or a note", ErrorCode.REQUIRED)
    check.check()

    goal = await get(session, user_id, goal_id, "goal_id")
    if goal.status in CLOSED:
        raise InvalidTransition(f"This goal is {goal.status}; reopen it to log progress", "goal_id")
    if logged_at < goal.created_at - FUTURE_SKEW:
        raise AppError("Progress cannot be logged before the goal was created", "logged_at", ErrorCode.OUT_OF_RANGE)
    steps = await repository.steps_of(session, user_id, goal.id)
    fmt = data.learning_format or goal.learning_format
    if steps:
        if amount:
            raise AppError("This goal's progress comes from its steps; tick a step instead of adding points", "amount")
        points = 0
        if data.step_id is not None:
            step = next((s for s in steps if s.id == data.step_id), None)
            if step is None:
                raise NotFound("GoalStep not found", "step_id")
            if step.done:
                raise AppError("That step is already done", "step_id")
            before = goal.progress
            _tick(step, goal, steps, True, user, logged_at)
            points = goal.progress - before
    else:
        if data.step_id is not None:
            raise NotFound("GoalStep not found", "step_id")
        if goal.progress + amount > 100:
            raise AppError(
                f"Progress would reach {goal.progress + amount}%; at most {100 - goal.progress} more points fit",
                "amount",
                ErrorCode.OUT_OF_RANGE,
            )
        before = goal.progress
        goal.progress += amount
        _settle(goal, before, local_today(user.timezone, logged_at))
        points = amount
    entry = GoalProgressEntry(
        user_id=user_id,
        goal_id=goal.id,
        step_id=data.step_id,
        logged_at=logged_at,
        amount=points,
        minutes=minutes,
        learning_format=fmt,
        note=note,
        mood=data.mood,
        energy=data.energy,
    )
    session.add(entry)
    await journey_service.flush_and_recompute(session, user_id)
    _evaluate_guidance(user_id, goal)
    return entry, goal


def _evaluate_guidance(user_id: int, goal: Goal) -> None:
    """After progress (or a completed goal, a milestone of its own) the companion looks again."""
    trigger = TriggerType.MILESTONE_BASED if goal.status == GoalStatus.COMPLETED else TriggerType.PROGRESS_BASED
    queue.enqueue("guidance_evaluate_user", user_id, trigger.value, key=f"guidance:{user_id}:{trigger.value}")


# --------------------------------------------------------------------------- suggestions and adaptation


async def suggestions(session: AsyncSession, user_id: int, limit: int) -> list[GoalSuggestion]:
    if not (1 <= limit <= MAX_SUGGESTIONS):
        raise AppError(f"Ask for 1 to {MAX_SUGGESTIONS} suggestions", "limit", ErrorCode.OUT_OF_RANGE)
    history = await load_history(session, await journey_service.get_user(session, user_id))
    return suggest_goals(
        history.context,
        history.journey,
        history.goals,
        history.patterns(),
        history.snapshots,
        load_ladder(),
        history.today,
        limit=limit,
    )


async def accept_suggestion(
    session: AsyncSession, user_id: int, fields: dict[str, Any], steps: list[str]
) -> tuple[Goal, list[GoalStep], Decision]:
    """Create the suggested goal and record the goal_set decision, in the caller's unit of work."""
    goal, rows = await create(session, user_id, fields, steps)
    decision = await journey_service.record_decision(
        session, user_id, DecisionKind.GOAL_SET, goal.why, f"Set the goal: {goal.title}", goal_id=goal.id
    )
    return goal, rows, decision


async def adapt(session: AsyncSession, user_id: int, goal_id: int) -> tuple[Goal, Adaptation]:
    """The suggested change only; goalUpdate applies it when the user agrees."""
    user = await journey_service.get_user(session, user_id)
    goal = found(await owned(session, Goal, user_id, goal_id), "Goal not found", "id")
    history = await load_history(session, user)
    facts = next(g for g in history.goals if g.id == goal.id)
    return goal, adapt_goal_difficulty(facts, history.entries, history.context, history.patterns(), history.today)
