"""Worker jobs of digests: every 5 minutes, the morning briefings and evening summaries that are due
(in each person's time zone), batch by batch; and the wake-up of a preview's notification after
its commit. Idempotent: a digest is written once per (user, kind, local date) whatever the workers,
retries and restarts; concurrent runs take different people (SKIP LOCKED)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from api.config import get_settings
from api.db import unit_of_work
from api.digest import service
from api.digest.service import MAX_BATCHES, Run
from api.notification import service as notifications
from api.vocabulary import DigestKind


async def send_due(now: datetime | None = None, *, batch_size: int | None = None, only: Sequence[int] | None = None) -> Run:
    """Preferences for people without them; a first next instant for people without one (not sent
    now); then the due digests of each kind, one unit of work per batch, published after commit.
    `only` limits the run to some people (tests, tools)."""
    now = now or datetime.now(UTC)
    size = batch_size or get_settings().digest_batch_size
    scope = list(only) if only is not None else None
    total = Run()
    for _ in range(MAX_BATCHES):
        async with unit_of_work() as session:
            added = await service.ensure_preferences(session, size, scope)
        if added < size:
            break
    for kind in DigestKind:
        for _ in range(MAX_BATCHES):
            async with unit_of_work() as session:
                scheduled = await service.schedule_unscheduled(session, kind, now, size, scope)
            total.scheduled += scheduled
            if scheduled < size:
                break
    for kind in DigestKind:
        for _ in range(MAX_BATCHES):
            async with unit_of_work() as session:
                run = await service.send_batch(session, kind, now, size, scope)
            for created in run.notifications:
                await notifications.announce(created)
            total.due += run.due
            total.sent += run.sent
            total.quiet += run.quiet
            total.skipped += run.skipped
            total.notifications += run.notifications
            if run.due < size:
                break
    return total


async def digests_send_due(ctx: dict) -> int:
    """Cron, every 5 minutes: the digests that are due now; how many were written."""
    return (await send_due()).sent
