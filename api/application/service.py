"""Applications move through a pipeline; every change is kept as history."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.application import repository
from api.errors import Conflict, ErrorCode, InvalidTransition, NotFound, Validator
from api.job import repository as job_repository
from api.journey import service as journey_service
from api.models import Application, ApplicationStatusChange

STATUSES = ("interested", "applied", "interview", "offer", "accepted", "declined", "rejected")
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


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS[status]


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
        raise NotFound("Job not found", "jobId")
    if await repository.for_job(session, user_id, job_id) is not None:
        raise Conflict("This job already has an application", "jobId")
    now = datetime.now(UTC)
    application = Application(user_id=user_id, job_id=job_id, status=status, notes=notes)
    _stamp(application, status, now)
    session.add(application)
    await session.flush()
    session.add(ApplicationStatusChange(application_id=application.id, from_status=None, to_status=status, changed_at=now))
    await session.flush()
    return application


async def get(session: AsyncSession, user_id: int, application_id: int) -> Application:
    application = await repository.get(session, user_id, application_id, for_update=True)
    if application is None:
        raise NotFound("Application not found", "id")
    return application


async def change_status(session: AsyncSession, user_id: int, application_id: int, status: str) -> tuple[Application, str]:
    application = await get(session, user_id, application_id)
    previous = application.status
    if status not in TRANSITIONS[previous] :
        allowed = ", ".join(TRANSITIONS[previous]) or "nothing (it is final)"
        raise InvalidTransition(
            f"Cannot move an application from {previous} to {status}; from {previous} it can move to {allowed}",
            "status",
            ErrorCode.INVALID_TRANSITION,
        )
    now = datetime.now(UTC)
    application.status = status
    _stamp(application, status, now)
    session.add(ApplicationStatusChange(application_id=application.id, from_status=previous, to_status=status, changed_at=now))
    await session.flush()
    # Offers feed the career memory (accepted: role change + new role; declined: a decision), same transaction.
    await journey_service.record_application_outcome(session, user_id, application, previous)
    return application, previous


async def update_notes(session: AsyncSession, user_id: int, application_id: int, notes: str) -> Application:
    check = Validator()
    notes = check.text("notes", notes, max_len=NOTES_LIMIT) or ""
    check.check()
    application = await get(session, user_id, application_id)
    application.notes = notes
    await session.flush()
    return application
