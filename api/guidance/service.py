"""Guidance as the person sees and steers it: their insights (read, act, dismiss, judge), the rules
with their own thresholds and what was learned from their reactions, their settings, and the
first-run checklist. Takes the session and user id explicitly; flushes, never commits.

Acting on an insight runs its chosen action through the owning concept's service (goals,
documents) and marks the insight acted on, in the caller's one unit of work: either both happen or
neither. The arguments of an action hold database ids as the rule wrote them; each referenced row
is read as the person's, so a stale or foreign reference is a clear error and nothing is written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.db import DriverRow, owned
from api.document import service as document_service
from api.errors import AppError, ErrorCode, InvalidTransition, NotFound, ValidationFailed, Validator, found
from api.goal import repository as goal_repository
from api.goal import service as goal_service
from api.guidance import conditions, evaluation, learning, repository, schedule
from api.guidance.facts import Reactions
from api.models import Application, CareerInsight, Document, Goal, GuidanceRule, GuidanceRuleOverride, GuidanceSetting, User
from api.notification import repository as notification_repository
from api.user import repository as user_repository
from api.vocabulary import (
    AdaptationKind,
    EmailKind,
    GoalStatus,
    GuidanceLevel,
    InsightActionKind,
    InsightState,
    InsightVerdict,
    TriggerType,
    values,
)
from api.wording import plural

TOP_LIMIT = 20
MAX_READ = 100
INSIGHT_NOT_FOUND = "Insight not found"

# --------------------------------------------------------------------------- insights


def state_of(insight: CareerInsight | DriverRow, now: datetime) -> InsightState:
    """dismissed > acted > expired (valid_until passed) > read > new; `repository.state_condition` is the SQL twin."""
    if insight.dismissed_at is not None:
        return InsightState.DISMISSED
    if insight.acted_at is not None:
        return InsightState.ACTED
    if insight.valid_until is not None and insight.valid_until < now:
        return InsightState.EXPIRED
    if insight.read_at is not None:
        return InsightState.READ
    return InsightState.NEW


async def _insight(session: AsyncSession, user_id: int, insight_id: int) -> CareerInsight:
    found_rows = await repository.insights_for_update(session, user_id, [insight_id])
    return found(found_rows[0] if found_rows else None, INSIGHT_NOT_FOUND, "id")


async def read(session: AsyncSession, user_id: int, insight_ids: list[int], now: datetime | None = None) -> list[CareerInsight]:
    """Mark insights read (those read before keep their time). Every id must be one of the person's
    insights, else nothing is marked. Returns them in the order asked."""
    now = now or datetime.now(UTC)
    wanted = list(dict.fromkeys(insight_ids))
    if not wanted:
        raise AppError("Name at least one insight", "ids", ErrorCode.REQUIRED)
    if len(wanted) > MAX_READ:
        raise AppError(f"At most {MAX_READ} insights at once", "ids", ErrorCode.OUT_OF_RANGE)
    rows = {row.id: row for row in await repository.insights_for_update(session, user_id, wanted)}
    if len(rows) != len(wanted):
        raise NotFound(INSIGHT_NOT_FOUND, "ids")
    for row in rows.values():
        if row.read_at is None:
            row.read_at = now
    await session.flush()
    return [rows[insight_id] for insight_id in wanted]


async def dismiss(session: AsyncSession, user_id: int, insight_id: int, now: datetime | None = None) -> CareerInsight:
    """Dismiss an insight, whatever its state (an expired one too); twice is an error."""
    insight = await _insight(session, user_id, insight_id)
    if insight.dismissed_at is not None:
        raise AppError("This insight is already dismissed", "id", ErrorCode.ALREADY_DISMISSED)
    insight.dismissed_at = now or datetime.now(UTC)
    await session.flush()
    return insight


async def feedback(
    session: AsyncSession, user_id: int, insight_id: int, verdict: str, now: datetime | None = None
) -> CareerInsight:
    """The person's verdict (useful / not useful); they may change their mind."""
    check = Validator()
    check.one_of("verdict", verdict, InsightVerdict, "Verdict")
    check.check()
    insight = await _insight(session, user_id, insight_id)
    insight.verdict, insight.verdict_at = verdict, now or datetime.now(UTC)
    await session.flush()
    return insight


@dataclass
class ActResult:
    insight: CareerInsight
    goal: Goal | None = None
    document: Document | None = None
    href: str | None = None  # OPEN's in-app path; the GraphQL layer adds the drafted document's


@contextmanager
def _as_action_errors() -> Iterator[None]:
    """A concept service's errors name its own fields; here the person chose an action, so they name `action`."""
    try:
        yield
    except ValidationFailed as error:
        raise ValidationFailed([AppError(e.message, "action", e.code) for e in error.errors]) from None
    except AppError as error:
        raise AppError(error.message, "action", error.code) from None


def _argument(arguments: Mapping[str, Any], name: str, kind: type = int) -> Any:
    value = arguments.get(name)
    if kind is date:
        try:
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None
    return value if isinstance(value, kind) and not isinstance(value, bool) else None


def _broken(what: str) -> AppError:
    return AppError(f"This suggestion cannot be run: {what} is missing", "action", ErrorCode.INVALID)


async def _goal_of(session: AsyncSession, user_id: int, arguments: Mapping[str, Any]) -> Goal:
    goal_id = _argument(arguments, "goal_id")
    if goal_id is None:
        raise _broken("the goal")
    goal = await owned(session, Goal, user_id, goal_id)
    if goal is None:
        raise NotFound("The goal this suggestion is about no longer exists", "action")
    return goal


async def act(session: AsyncSession, user_id: int, insight_id: int, action: int, now: datetime | None = None) -> ActResult:
    """Run the insight's action number `action` and mark the insight acted on. An expired, dismissed
    or already acted insight refuses, except that an OPEN action (navigation, changes nothing) may be
    followed again on an insight acted on before."""
    now = now or datetime.now(UTC)
    insight = await _insight(session, user_id, insight_id)
    actions = insight.actions or []
    chosen = actions[action] if 0 <= action < len(actions) else None
    if insight.dismissed_at is not None:
        raise AppError("This insight was dismissed; it can no longer be acted on", "id", ErrorCode.DISMISSED)
    if chosen is None:
        raise AppError(
            f"This insight has {plural(len(actions), 'action')}; choose 0 to {len(actions) - 1}", "action", ErrorCode.OUT_OF_RANGE
        )
    if chosen.get("kind") not in values(InsightActionKind):
        raise _broken("what to do")
    kind = InsightActionKind(chosen["kind"])
    arguments: Mapping[str, Any] = chosen.get("arguments") or {}
    if insight.acted_at is not None:
        if kind is InsightActionKind.OPEN:
            return ActResult(insight, href=_open_href(arguments))
        raise AppError("This insight was already acted on", "id", ErrorCode.ALREADY_ACTED)
    if insight.valid_until is not None and insight.valid_until < now:
        raise AppError("This insight has expired; its suggestion may no longer fit", "id", ErrorCode.EXPIRED)

    result = ActResult(insight)
    with _as_action_errors():
        if kind is InsightActionKind.OPEN:
            result.href = _open_href(arguments)
        elif kind is InsightActionKind.DRAFT_EMAIL:
            result.document = await _draft_email(session, user_id, arguments)
        else:
            result.goal = await GOAL_ACTIONS[kind](session, user_id, arguments)
    insight.acted_at, insight.acted_action = now, action
    if insight.read_at is None:
        insight.read_at = now
    await session.flush()
    return result


def _open_href(arguments: Mapping[str, Any]) -> str:
    href = arguments.get("href")
    if not isinstance(href, str) or not href.startswith("/") or href.startswith("//"):  # in-app paths only
        raise _broken("the page to open")
    return href


async def _set_target_date(session: AsyncSession, user_id: int, arguments: Mapping[str, Any]) -> Goal:
    target = _argument(arguments, "target_date", date)
    if target is None:
        raise _broken("the new target date")
    goal = await _goal_of(session, user_id, arguments)
    goal, _ = await goal_service.update(session, user_id, goal.id, {"target_date": target}, None)
    return goal


async def _split_step(session: AsyncSession, user_id: int, arguments: Mapping[str, Any]) -> Goal:
    goal = await _goal_of(session, user_id, arguments)
    step_id = _argument(arguments, "step_id")
    if step_id is None:
        raise _broken("the step")
    steps = await goal_repository.steps_of(session, user_id, goal.id)
    if not any(step.id == step_id for step in steps):
        raise NotFound("The step this suggestion is about no longer exists", "action")
    goal, _ = await goal_service.split_step(session, user_id, step_id)
    return goal


async def _adapt_goal(session: AsyncSession, user_id: int, arguments: Mapping[str, Any]) -> Goal:
    """Apply the goal's current difficulty adaptation, as goalUpdate does when the person accepts it."""
    goal = await _goal_of(session, user_id, arguments)
    goal, adaptation = await goal_service.adapt(session, user_id, goal.id)
    if adaptation.kind == AdaptationKind.KEEP:
        raise InvalidTransition(f"Nothing to adapt now: {adaptation.why}", "action")
    fields = {"target_date": adaptation.suggested_target_date, "difficulty": str(adaptation.suggested_difficulty)}
    goal, _ = await goal_service.update(session, user_id, goal.id, fields, list(adaptation.suggested_steps))
    return goal


async def _pause_goal(session: AsyncSession, user_id: int, arguments: Mapping[str, Any]) -> Goal:
    goal = await _goal_of(session, user_id, arguments)
    if goal.status != GoalStatus.ACTIVE:
        raise InvalidTransition(f"This goal is {goal.status}; only an active goal can be paused", "action")
    goal, _ = await goal_service.update(session, user_id, goal.id, {"status": GoalStatus.PAUSED.value}, None)
    return goal


async def _create_goal(session: AsyncSession, user_id: int, arguments: Mapping[str, Any]) -> Goal:
    """The suggested goal and its goal_set decision, as accepting a goal suggestion records them."""
    title = arguments.get("title")
    if not isinstance(title, str):
        raise _broken("the goal's title")
    steps = [s for s in arguments.get("steps") or [] if isinstance(s, str)]
    fields = {"title": title, "why": str(arguments.get("why") or ""), "target_date": _argument(arguments, "target_date", date)}
    goal, _, _ = await goal_service.accept_suggestion(session, user_id, fields, steps)
    return goal


async def _draft_email(session: AsyncSession, user_id: int, arguments: Mapping[str, Any]) -> Document:
    application_id = _argument(arguments, "application_id")
    email_kind = arguments.get("email_kind")
    if application_id is None or email_kind not in values(EmailKind):
        raise _broken("the application or the kind of email")
    application = await owned(session, Application, user_id, application_id)
    if application is None:
        raise NotFound("The application this suggestion is about no longer exists", "action")
    return await document_service.create_email(session, user_id, application.job_id, email_kind)


GoalAction = Callable[[AsyncSession, int, Mapping[str, Any]], Awaitable[Goal]]
GOAL_ACTIONS: dict[InsightActionKind, GoalAction] = {
    InsightActionKind.SET_TARGET_DATE: _set_target_date,
    InsightActionKind.SPLIT_STEP: _split_step,
    InsightActionKind.ADAPT_GOAL: _adapt_goal,
    InsightActionKind.PAUSE_GOAL: _pause_goal,
    InsightActionKind.CREATE_GOAL: _create_goal,
}


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class EffectiveRule:
    """A rule as one person has it: their thresholds over the defaults, muted or not, and what their
    reactions taught it (priority, cooldown and the note the product shows)."""

    key: str
    name: str
    description: str
    trigger_type: TriggerType
    insight_kind: str
    priority: str
    effective_priority: str
    conditions: dict[str, Any]
    defaults: dict[str, Any]
    active: bool
    muted: bool
    cooldown_days: int
    learning: str | None


def effective_rule(rule: GuidanceRule, override: GuidanceRuleOverride | None, reactions: Reactions | None) -> EffectiveRule:
    defaults = conditions.validate(rule.key, rule.conditions).model_dump()
    try:
        current = conditions.effective(rule.key, rule.conditions, override.conditions if override else None).model_dump()
    except conditions.InvalidConditions:  # an override the rule's schema no longer accepts: the rule runs on its defaults
        current = defaults
    learned = learning.learned(rule.priority, reactions)
    return EffectiveRule(
        key=rule.key,
        name=rule.name,
        description=rule.description,
        trigger_type=TriggerType(rule.trigger_type),
        insight_kind=rule.insight_kind,
        priority=rule.priority,
        effective_priority=learned.priority.value,
        conditions=current,
        defaults=defaults,
        active=rule.active,
        muted=bool(override and override.muted),
        cooldown_days=learned.cooldown_days,
        learning=learned.note,
    )


async def effective_rules(session: AsyncSession, user_id: int) -> list[EffectiveRule]:
    """Every rule with the person's changes and learning (three statements, whatever the number of rules)."""
    rules = await repository.all_rules(session)
    overrides = (await repository.overrides_by_user_ids(session, [user_id])).get(user_id, {})
    reactions = (await repository.reactions_by_user_ids(session, [user_id])).get(user_id, {})
    return [effective_rule(rule, overrides.get(rule.id), reactions.get(rule.id)) for rule in rules]


def _condition_error(key: str, why: str) -> AppError:
    if why == "unknown condition":
        return AppError(f"{key}: unknown condition for this rule", "conditions", ErrorCode.INVALID)
    code = ErrorCode.OUT_OF_RANGE if ("greater than" in why or "less than" in why) else ErrorCode.INVALID
    return AppError(f"{key}: {why}", "conditions", code)


async def update_rule(
    session: AsyncSession, user_id: int, key: str, *, muted: bool | None, changes: Any, reset: bool
) -> EffectiveRule:
    """Mute or unmute a rule and change its thresholds for the person. `changes` names only the keys
    to change; the override keeps only keys that differ from the defaults. `reset` drops the
    person's override first (then any given muted/changes apply over the defaults)."""
    rule = found(await repository.rule_by_key(session, key), "Guidance rule not found", "key")
    if changes is not None and not isinstance(changes, dict):
        raise AppError("Conditions must be an object of condition names and values", "conditions")
    changes = changes or {}
    existing = None if reset else await repository.override_of(session, user_id, rule.id)
    try:
        merged = conditions.effective(rule.key, rule.conditions, {**(existing.conditions if existing else {}), **changes})
    except conditions.InvalidConditions as error:
        raise ValidationFailed([_condition_error(k, why) for k, why in error.problems.items()]) from None
    defaults = conditions.validate(rule.key, rule.conditions)
    changed = {k: getattr(merged, k) for k in changes if getattr(merged, k) != getattr(defaults, k)}
    restored = [k for k in changes if k not in changed]
    if reset:
        await repository.delete_override(session, user_id, rule.id)
    override: GuidanceRuleOverride | None = None if reset else existing
    if muted is not None or changes:
        override = await repository.upsert_override(session, user_id, rule.id, muted=muted, changed=changed, restored=restored)
    reactions = (await repository.reactions_by_user_ids(session, [user_id])).get(user_id, {}).get(rule.id)
    return effective_rule(rule, override, reactions)


# --------------------------------------------------------------------------- settings

DEFAULT_TIMEZONE = "UTC"  # what a new account starts with (users.timezone's default)
MAX_DAILY_CAP = 50


@dataclass(frozen=True)
class SettingsView:
    level: GuidanceLevel
    daily_cap: int
    wellbeing: bool
    timezone: str
    next_evaluation_at: datetime | None


def _view(settings: GuidanceSetting, user: User) -> SettingsView:
    return SettingsView(
        level=GuidanceLevel(settings.level),
        daily_cap=settings.daily_cap,
        wellbeing=settings.wellbeing,
        timezone=user.timezone,
        next_evaluation_at=settings.next_evaluation_at,
    )


async def settings(session: AsyncSession, user_id: int) -> SettingsView:
    """The person's settings (the row is created with the defaults on first need)."""
    row = await repository.ensure_settings(session, user_id)
    user = found(await user_repository.get(session, user_id), "User not found")
    return _view(row, user)


async def update_settings(
    session: AsyncSession, user_id: int, fields: dict[str, Any], now: datetime | None = None
) -> SettingsView:
    """Only the given fields change. The daily cap is 0..50; the time zone must be an IANA zone and
    becomes the person's. A change of level or time zone moves the next evaluation to the next local
    evaluation hour (and a zone change clears the next digest instants, which the digest cron
    computes anew). Quiet hours are the notification preferences' (notificationPreferencesUpdate)."""
    now = now or datetime.now(UTC)
    check = Validator()
    for name, label in (("level", "Level"), ("daily_cap", "Daily cap"), ("wellbeing", "Wellbeing"), ("timezone", "Time zone")):
        if name in fields and fields[name] is None:
            check.add(name, f"{label} cannot be empty", ErrorCode.REQUIRED)
    if fields.get("level") is not None:
        check.one_of("level", fields["level"], GuidanceLevel, "Level")
    cap = fields.get("daily_cap")
    if cap is not None and not (0 <= cap <= MAX_DAILY_CAP):
        check.add("daily_cap", f"The daily cap must be between 0 and {MAX_DAILY_CAP}", ErrorCode.OUT_OF_RANGE)
    zone = fields.get("timezone")
    if zone is not None and not schedule.valid_timezone(zone):
        check.add("timezone", f"Unknown time zone {zone!r}; use an IANA name such as Europe/Berlin")
    check.check()

    row = await repository.ensure_settings(session, user_id)
    await session.refresh(row, with_for_update=True)
    user = found(await user_repository.get(session, user_id, for_update=True), "User not found")
    level = fields.get("level") or row.level
    timezone = zone or user.timezone
    reschedule = level != row.level or timezone != user.timezone
    if timezone != user.timezone:
        await notification_repository.clear_digest_schedule(session, user_id)
    row.level = level
    if cap is not None:
        row.daily_cap = cap
    if fields.get("wellbeing") is not None:
        row.wellbeing = fields["wellbeing"]
    user.timezone = timezone
    if reschedule:
        row.next_evaluation_at = schedule.next_evaluation(now, timezone, row.evaluation_hour, level)
    await session.flush()
    return _view(row, user)


async def reschedule(session: AsyncSession, user_id: int, now: datetime) -> datetime | None:
    """The person's next evaluation again, from their time zone as it is now (after a change of it
    in the profile); people without guidance settings get them when due. The digests, at local
    times too, are rescheduled by their cron (their next times are cleared) for everyone."""
    await notification_repository.clear_digest_schedule(session, user_id)
    row = (await repository.settings_for_update(session, [user_id])).get(user_id)
    user = await user_repository.get(session, user_id)
    if row is None or user is None:
        await session.flush()
        return None
    zone = evaluation.known_zone(user.timezone)
    row.next_evaluation_at = schedule.next_evaluation(now, zone, row.evaluation_hour, row.level)
    await session.flush()
    return row.next_evaluation_at


# --------------------------------------------------------------------------- visits


async def record_visit(
    session: AsyncSession, user_id: int, timezone: str | None, now: datetime | None = None
) -> tuple[CareerInsight | None, int]:
    """Note a visit; the welcome back when it is due (see `evaluation.record_visit`). A valid browser
    time zone is adopted only while the person's is still the default UTC."""
    now = now or datetime.now(UTC)
    if timezone is not None and not schedule.valid_timezone(timezone):
        raise AppError(f"Unknown time zone {timezone!r}; use an IANA name such as Europe/Berlin", "timezone")
    if timezone is not None and timezone != DEFAULT_TIMEZONE:
        user = found(await user_repository.get(session, user_id, for_update=True), "User not found")
        if user.timezone == DEFAULT_TIMEZONE:
            user.timezone = timezone
            row = await repository.ensure_settings(session, user_id)
            row.next_evaluation_at = schedule.next_evaluation(now, timezone, row.evaluation_hour, row.level)
            await notification_repository.clear_digest_schedule(session, user_id)  # digests follow the new zone
            await session.flush()
    return await evaluation.record_visit(session, user_id, now)


# --------------------------------------------------------------------------- first-run checklist


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    href: str


@dataclass(frozen=True)
class FirstRunChecklist:
    items: list[ChecklistItem]

    @property
    def complete(self) -> bool:
        return all(item.done for item in self.items)


CHECKLIST = (
    ("profile", "Add your skills to your profile", "/profile"),
    ("resume", "Upload your résumé", "/profile"),
    ("job", "Track your first job", "/jobs"),
    ("goal", "Set your first goal", "/goals"),
    ("saved_search", "Save a job search", "/sources"),
)


async def first_run_checklist(user_id: int) -> FirstRunChecklist:
    done = await repository.first_run_checklist(user_id)
    return FirstRunChecklist([ChecklistItem(key, label, done[key], href) for key, label, href in CHECKLIST])
