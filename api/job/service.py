"""Jobs: validation, ownership, scoring requests."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from sqlalchemy.ext.asyncio import AsyncSession

from api import queue
from api.errors import ErrorCode, Validator, found
from api.job import repository
from api.models import Job
from api.skill.taxonomy import canonical
from api.vocabulary import JobType, RemoteOption, values

TEXT_LIMITS = {"company": 200, "title": 200, "location": 200, "description": 20_000, "requirements": 20_000}
MAX_SALARY = 100_000_000
MAX_STACK = 60


def _validate(changes: dict[str, Any], current: Job | None) -> dict[str, Any]:
    check = Validator()
    clean: dict[str, Any] = {}
    for name, limit in TEXT_LIMITS.items():
        if name in changes:
            required = name in ("company", "title")
            value = check.text(name, changes[name], max_len=limit, required=required, label=name.capitalize())
            clean[name] = value if value is not None else ""
        elif current is None and name in ("company", "title"):
            check.add(name, f"{name.capitalize()} is required", ErrorCode.REQUIRED)
    for name in ("salary_min", "salary_max"):
        if name in changes:
            value = changes[name]
            if value is not None and not (0 <= value <= MAX_SALARY):
                check.add(name, f"Salary must be between 0 and {MAX_SALARY:,}", ErrorCode.OUT_OF_RANGE)
            clean[name] = value
    low = clean.get("salary_min", current.salary_min if current else None)
    high = clean.get("salary_max", current.salary_max if current else None)
    if low is not None and high is not None and low > high:
        check.add("salary_max", "Maximum salary must not be below the minimum", ErrorCode.OUT_OF_RANGE)
    if "salary_currency" in changes:
        currency = (changes["salary_currency"] or "").strip().upper() or None
        if currency is not None and (len(currency) != 3 or not currency.isalpha()):
            check.add("salary_currency", "Currency must be a 3-letter ISO code such as USD or EUR")
        clean["salary_currency"] = currency
    for name, allowed in (("job_type", values(JobType)), ("remote_option", values(RemoteOption))):
        if name in changes:
            if changes[name] is not None and changes[name] not in allowed:
                check.add(name, f"Must be one of: {', '.join(allowed)}")
            clean[name] = changes[name]
    if "tech_stack" in changes:
        stack = [s for s in (changes["tech_stack"] or []) if s and s.strip()]
        if len(stack) > MAX_STACK:
            check.add("tech_stack", f"At most {MAX_STACK} technologies", ErrorCode.TOO_LONG)
        elif any(len(s) > 80 for s in stack):
            check.add("tech_stack", "Each technology must be at most 80 characters", ErrorCode.TOO_LONG)
        clean["tech_stack"] = list(dict.fromkeys(canonical(s) for s in stack))
    if "source_url" in changes:
        url = (changes["source_url"] or "").strip() or None
        if url is not None:
            parsed = urlparse(url)
            if len(url) > 2000:
                check.add("source_url", "URL must be at most 2000 characters", ErrorCode.TOO_LONG)
            elif parsed.scheme not in ("http", "https") or not parsed.netloc:
                check.add("source_url", "URL must start with http:// or https://")
        clean["source_url"] = url
    check.check()
    return clean


async def get(session: AsyncSession, user_id: int, job_id: int) -> Job:
    job = found(await repository.get(session, user_id, job_id, for_update=True), "Job not found", "id")
    return job


async def create(session: AsyncSession, user_id: int, fields: dict[str, Any]) -> Job:
    clean = _validate(fields, None)
    job = Job(user_id=user_id, **clean)
    session.add(job)
    await session.flush()
    queue.enqueue("job_score", job.id, True)
    return job


async def update(session: AsyncSession, user_id: int, job_id: int, changes: dict[str, Any]) -> Job:
    job = await get(session, user_id, job_id)
    clean = _validate(changes, job)
    for name, value in clean.items():
        setattr(job, name, value)
    await session.flush()
    queue.enqueue("job_score", job.id, False)
    return job


async def delete(session: AsyncSession, user_id: int, job_id: int) -> int:
    job = await get(session, user_id, job_id)
    await session.delete(job)
    await session.flush()
    return job_id
