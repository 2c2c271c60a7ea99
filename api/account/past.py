"""Import a CSV of past applications with their real dates (company, title, status, applied…).

Every line is checked before anything is written: one bad date refuses the whole file, naming the
line (the header is line 1). Dates are `YYYY-MM-DD` or ISO 8601 date-times (naive means UTC).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.application.service import TERMINAL
from api.errors import AppError, ErrorCode
from api.job import service as job_service
from api.models.application import Application
from api.models.application_status_change import ApplicationStatusChange
from api.vocabulary import ApplicationStatus

REQUIRED = ("company", "title")
DATE_COLUMNS = ("applied_at", "interview_at", "offer_at", "decided_at")
ALIASES = {"applied": "applied_at", "applied_on": "applied_at", "date": "applied_at", "interview": "interview_at"}
ALIASES |= {"offer": "offer_at", "decided": "decided_at", "url": "source_url", "position": "title", "role": "title"}
MAX_LINES = 5000
MAX_ERRORS = 10


class CsvRefused(AppError):
    def __init__(self, message: str):
        super().__init__(message, "file", ErrorCode.INVALID)


@dataclass
class PastApplication:
    line: int
    job: dict[str, Any]
    status: str
    notes: str
    dates: dict[str, datetime] = field(default_factory=dict)


def _when(text: str) -> datetime:
    text = text.strip()
    try:
        day = date.fromisoformat(text)
        return datetime.combine(day, time(12), tzinfo=UTC)
    except ValueError:
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse(text: str) -> list[PastApplication]:
    """The file's applications, or CsvRefused listing every bad line (up to MAX_ERRORS)."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise CsvRefused("The file is empty: the first line must name the columns (company, title, status, applied_at…)")
    names = [ALIASES.get(n.strip().lower(), n.strip().lower()) for n in reader.fieldnames]
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        raise CsvRefused(f"The first line must name the columns {', '.join(missing)}")
    problems: list[str] = []
    rows: list[PastApplication] = []
    for raw in reader:
        line = reader.line_num
        if len(rows) >= MAX_LINES:
            raise CsvRefused(f"At most {MAX_LINES} applications per file")
        values = {names[i]: (v or "").strip() for i, v in enumerate(raw.get(k) for k in reader.fieldnames)}
        company, title = values.get("company", ""), values.get("title", "")
        if not company or not title:
            problems.append(f"line {line}: company and title are required")
            continue
        status = (values.get("status") or ("applied" if values.get("applied_at") else "interested")).lower()
        if status not in {s.value for s in ApplicationStatus}:
            problems.append(f"line {line}: status {status!r} is not one of {', '.join(s.value for s in ApplicationStatus)}")
            continue
        dates: dict[str, datetime] = {}
        for column in DATE_COLUMNS:
            if values.get(column):
                try:
                    dates[column] = _when(values[column])
                except ValueError:
                    problems.append(f"line {line}: {column} {values[column]!r} is not a date (use YYYY-MM-DD)")
        job = {"company": company, "title": title, "location": values.get("location", "")}
        if values.get("source_url"):
            job["source_url"] = values["source_url"]
        rows.append(PastApplication(line, job, status, values.get("notes", ""), dates))
    if problems:
        more = f" (and {len(problems) - MAX_ERRORS} more)" if len(problems) > MAX_ERRORS else ""
        raise CsvRefused("Nothing was imported: " + "; ".join(problems[:MAX_ERRORS]) + more)
    return rows


async def import_past(session: AsyncSession, user_id: int, rows: list[PastApplication]) -> int:
    """A job and an application per row, with the real dates and a status history built from them."""
    for row in rows:
        try:
            job = await job_service.create(session, user_id, row.job)
        except AppError as error:
            raise CsvRefused(f"Nothing was imported: line {row.line}: {error.message}") from None
        application = Application(user_id=user_id, job_id=job.id, status=row.status, notes=row.notes[:5000], **row.dates)
        if row.status in TERMINAL and "decided_at" not in row.dates:
            application.decided_at = max(row.dates.values(), default=None)
        session.add(application)
        await session.flush()
        steps = [("applied", row.dates.get("applied_at")), ("interview", row.dates.get("interview_at"))]
        steps += [("offer", row.dates.get("offer_at"))]
        history: list[tuple[str, datetime]] = [(status, when) for status, when in steps if when and status != row.status]
        final = row.dates.get("decided_at") or max(row.dates.values(), default=None) or datetime.now(UTC)
        history.append((row.status, final))
        previous = None
        for status, when in sorted(history, key=lambda h: h[1]):
            session.add(
                ApplicationStatusChange(application_id=application.id, from_status=previous, to_status=status, changed_at=when)
            )
            previous = status
    await session.flush()
    return len(rows)
