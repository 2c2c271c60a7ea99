"""Applications move through a pipeline; every change is kept as history.

Entering "applied" sets a follow-up date (the local date of applying + FOLLOW_UP_DAYS, editable);
any later status move clears it. Every change is announced after commit on the "applications"
channel of its owner (`changed`), which the `applicationUpdated` subscription listens to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.application import repository
from api.application.funnel import FunnelStep, SourceStats, pipeline_analytics
from api.dates import iso_week, local_date
from api.errors import AppError, Conflict, ErrorCode, InvalidTransition, NotFound, Validator, found
from api.job import repository as job_repository
from api.journey import service as journey_service
from api.models import Application, ApplicationStatusChange

TERMINAL = ("accepted", "declined", "rejected")
# Forward moves only; an interview stage may repeat (second round). Terminal states end it.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "interested": ("applied", "declined"),
    "applied": ("interview", "offer", "rejected", "declined"),
    "interview": ("interview", "offer", "rejected", "declined"),
    "offer": ("accepted", "declined", "rejected"),
    "accepted": (),
    "declined": (),
    "rejected": (),
}
DATE_FIELD = {"applied": "applied_at", "interview": "interview_at", "offer": "offer_at"}
NOTES_LIMIT = 10_000
FOLLOW_UP_DAYS = 7  # the guidance rule follow_up_due waits as long
CHANNEL = "applications"  # live events: the id of a changed application, per owner


def changed(application: Application) -> None:
    """Announce a change of the application (status, fields, follow-up, interviews) after commit."""
    queue.publish(CHANNEL, application.user_id, str(application.id))


def default_follow_up(applied_at: datetime, timezone: str) -> date:
    return local_date(applied_at, timezone) + timedelta(days=FOLLOW_UP_DAYS)


async def _follow_up_on_entering(session: AsyncSession, application: Application, status: str) -> None:
    """Applied: the default follow-up date; any other status: none."""
    if status == "applied" and application.applied_at is not None:
        timezone = await repository.timezone(session, application.user_id)
        application.follow_up_on = default_follow_up(application.applied_at, timezone)
    else:
        application.follow_up_on = None


def _stamp(application: Application, status: str, now: datetime) -> None:
    field = DATE_FIELD.get(status)
    if field and getattr(application, field) is None:
        setattr(application, field, now)
    if status in TERMINAL:
        application.decided_at = now


async def create(session: AsyncSession, user_id: int, job_id: int, status: str, notes: str | None) -> Application:
    check = Validator()
    notes = check.text("notes", notes, max_len=NOTES_LIMIT) or ""
    if status in TERMINAL:
        check.add("status", "A new application starts as interested, applied, interview or offer")
    check.check()
    if await job_repository.get(session, user_id, job_id) is None:
        raise NotFound("Job not found", "job_id")
    if await repository.for_job(session, user_id, job_id) is not None:
        raise Conflict("This job already has an application", "job_id")
    now = datetime.now(UTC)
    application = Application(user_id=user_id, job_id=job_id, status=status, notes=notes)
    _stamp(application, status, now)
    await _follow_up_on_entering(session, application, status)
    session.add(application)
    await session.flush()
    session.add(ApplicationStatusChange(application_id=application.id, from_status=None, to_status=status, changed_at=now))
    await session.flush()
    changed(application)
    return application


async def get(session: AsyncSession, user_id: int, application_id: int) -> Application:
    application = found(await repository.get(session, user_id, application_id, for_update=True), "Application not found", "id")
    return application


async def change_status(session: AsyncSession, user_id: int, application_id: int, status: str) -> tuple[Application, str]:
    application = await get(session, user_id, application_id)
    previous = application.status
    if status not in TRANSITIONS[previous]:
        allowed = ", ".join(TRANSITIONS[previous]) or "nothing (it is final)"
        raise InvalidTransition(
            f"Cannot move an application from {previous} to {status}; from {previous} it can move to {allowed}",
            "status",
            ErrorCode.INVALID_TRANSITION,
        )
    now = datetime.now(UTC)
    application.status = status
    _stamp(application, status, now)
    await _follow_up_on_entering(session, application, status)
    session.add(ApplicationStatusChange(application_id=application.id, from_status=previous, to_status=status, changed_at=now))
    await session.flush()
    # Offers feed the career memory (accepted: role change + new role; declined: a decision), same transaction.
    await journey_service.record_application_outcome(session, user_id, application, previous)
    queue.enqueue("guidance_evaluate_user", user_id, None, key=f"guidance:{user_id}:all")  # every rule: a move may be any fact
    changed(application)
    return application, previous


async def update(session: AsyncSession, user_id: int, application_id: int, fields: dict[str, Any]) -> Application:
    """Change the given fields: notes (null clears), follow_up_on (null clears; only while applied,
    not before the local date of applying)."""
    check = Validator()
    notes = check.text("notes", fields.get("notes"), max_len=NOTES_LIMIT) if "notes" in fields else None
    check.check()
    application = await get(session, user_id, application_id)
    if "follow_up_on" in fields:
        follow_up_on: date | None = fields["follow_up_on"]
        if follow_up_on is not None:
            if application.status != "applied" or application.applied_at is None:
                raise AppError("Only an applied application has a follow-up date", "follow_up_on")
            applied_on = local_date(application.applied_at, await repository.timezone(session, user_id))
            if follow_up_on < applied_on:
                raise AppError(
                    f"The follow-up date cannot be before the date you applied ({applied_on.isoformat()})",
                    "follow_up_on",
                    ErrorCode.OUT_OF_RANGE,
                )
        application.follow_up_on = follow_up_on
    if "notes" in fields:
        application.notes = notes or ""
    await session.flush()
    changed(application)
    return application


async def follow_ups_due(session: AsyncSession, user_id: int, now: datetime | None = None) -> list[Application]:
    """Applied applications whose follow-up date is the person's local today or earlier, oldest first."""
    timezone = await repository.timezone(session, user_id)
    return await repository.follow_ups_due(session, user_id, local_date(now or datetime.now(UTC), timezone))


# --------------------------------------------------------------------------- analytics of the viewer's own search


@dataclass
class AnalyticsTotals:
    jobs: int
    applications: int
    interviews: int
    offers: int


@dataclass
class Analytics:
    """Shaped like the GraphQL `Analytics` type, which is built from it by field name."""

    totals: AnalyticsTotals
    by_status: list[dict[str, Any]]  # in the app's own statuses (interested … declined)
    funnel: list[FunnelStep]
    response_by_source: list[SourceStats]
    overall_response_rate: float | None
    applications_per_week: list[dict[str, Any]]
    average_days_in_stage: list[dict[str, Any]]


async def analytics(session: AsyncSession, user_id: int) -> Analytics:
    history: dict[int, list[tuple[str, datetime]]] = {}
    for change in await repository.status_history(session, user_id):
        history.setdefault(change.application_id, []).append((change.to_status, change.changed_at))
    rows = []
    by_status: dict[str, int] = {}
    for application, origin, posting_source in await repository.analytics_rows(session, user_id):
        by_status[application.status] = by_status.get(application.status, 0) + 1
        rows.append(
            {
                "status": application.status,
                "source": posting_source if origin == "discovered" and posting_source else origin,
                "created_at": application.created_at,
                "applied_at": application.applied_at,
                "interview_at": application.interview_at,
                "offer_at": application.offer_at,
                "decided_at": application.decided_at,
                "status_history": history.get(application.id, []),
            }
        )
    result = pipeline_analytics(rows)
    reached = {step.stage: step.count for step in result.funnel}
    return Analytics(
        totals=AnalyticsTotals(
            jobs=await repository.job_count(session, user_id),
            applications=reached.get("applied", 0),
            interviews=reached.get("interview", 0),
            offers=reached.get("offer", 0),
        ),
        by_status=[{"status": s, "count": n} for s, n in sorted(by_status.items())],
        funnel=result.funnel,
        response_by_source=result.response_by_source,
        overall_response_rate=result.overall_response_rate,
        applications_per_week=_weeks(result.per_week),
        average_days_in_stage=[{"stage": s, "days": d} for s, d in result.avg_days_in_stage.items()],
    )


def _weeks(per_week: dict[str, int]) -> list[dict[str, Any]]:
    """ISO weeks → a continuous list (week, its Monday, applications) from the first to the last."""
    if not per_week:
        return []
    starts = {date.fromisocalendar(int(w[:4]), int(w[6:]), 1): n for w, n in per_week.items()}
    out, current, last = [], min(starts), max(starts)
    while current <= last:
        out.append({"week": iso_week(current), "week_start": current, "count": starts.get(current, 0)})
        current += timedelta(days=7)
    return out
