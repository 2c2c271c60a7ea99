"""Worker jobs of guidance: the hourly evaluation of the users who are due (in their own time zone),
the evaluation after an event that matters, the market rules after postings are ingested, the
delivery of live alerts that quiet hours held back, the model's rewording of a new insight (with a
model configured) and the new schedule after a change of time zone. Each is idempotent: insights by
their dedupe key, alerts by `insight:<id>`, rewording by the insight's `rephrased`; concurrent
workers take different users (SKIP LOCKED). A batch that fails is evaluated again person by person,
so one person's unreadable data (logged, and their next evaluation put off by RETRY_FAILED_AFTER)
does not stop everyone else's guidance."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from api.ai import client as model_clients
from api.ai.client import ModelError
from api.ai.prompts import insight_rephrase_prompt
from api.ai.schemas import InsightWording
from api.ai.service import BudgetDenied, metered_structured
from api.db import unit_of_work
from api.guidance import evaluation, repository, service, wording
from api.notification import service as notifications
from api.vocabulary import TriggerType

log = logging.getLogger(__name__)

BATCH = 500
MAX_BATCHES = 1000  # one cron run handles at most this many batches; the next run takes the rest
RETRY_FAILED_AFTER = timedelta(hours=1)


async def _one_by_one(
    user_ids: Sequence[int],
    now: datetime,
    *,
    only_trigger: TriggerType | None = None,
    reschedule: bool | None = None,
    put_off_failures: bool = False,
) -> None:
    """After a failed batch (call it while handling the batch's exception): each person in a
    transaction of their own. A person who fails alone is logged and, with `put_off_failures` (the
    due loop, which would pick them again at once), due again after RETRY_FAILED_AFTER."""
    log.exception("guidance: a batch of %d people failed; evaluating them one by one", len(user_ids))
    for user_id in user_ids:
        try:
            async with unit_of_work() as session:
                summary = await evaluation.evaluate_users(
                    session, [user_id], now, only_trigger=only_trigger, reschedule=reschedule
                )
        except Exception:
            log.exception("guidance: evaluating user %s failed", user_id)
            if put_off_failures:
                async with unit_of_work() as session:
                    await repository.reschedule(session, now, {user_id: now + RETRY_FAILED_AFTER})
            continue
        await evaluation.announce(summary)


async def guidance_evaluate_due(ctx: dict) -> int:
    """Hourly: give everyone without settings their defaults (they are due at once), evaluate the
    users whose next evaluation has come, batch by batch, then deliver held-back alerts."""
    now = datetime.now(UTC)
    for _ in range(MAX_BATCHES):
        async with unit_of_work() as session:
            missing = await repository.users_without_settings(session, BATCH)
            await repository.ensure_settings_for(session, missing)
        if len(missing) < BATCH:
            break
    evaluated = 0
    for _ in range(MAX_BATCHES):
        user_ids: list[int] = []
        try:  # the due people stay locked (SKIP LOCKED for other workers) while they are evaluated
            async with unit_of_work() as session:
                user_ids = await repository.due_user_ids(session, now, BATCH)
                summary = await evaluation.evaluate_users(session, user_ids, now)
        except Exception:
            if not user_ids:
                raise
            await _one_by_one(user_ids, now, put_off_failures=True)
        else:
            await evaluation.announce(summary)
        evaluated += len(user_ids)
        if len(user_ids) < BATCH:
            break
    await guidance_deliver_pending(ctx)
    return evaluated


async def guidance_deliver_pending(ctx: dict) -> int:
    """Raise the live alerts quiet hours held back, for people whose quiet hours are over."""
    async with unit_of_work() as session:
        created = await evaluation.deliver_pending(session, datetime.now(UTC))
    for item in created:
        await notifications.announce(item)
    return len(created)


async def guidance_evaluate_user(ctx: dict, user_id: int, trigger: str | None = None) -> int:
    """After an event (progress logged, milestone added, application moved): the rules of that
    trigger (all of them without one) for one person; their schedule stays as it is."""
    async with unit_of_work() as session:
        summary = await evaluation.evaluate_users(
            session, [user_id], datetime.now(UTC), only_trigger=TriggerType(trigger) if trigger else None, reschedule=False
        )
    await evaluation.announce(summary)
    return len(summary.insight_ids)


async def guidance_evaluate_market(ctx: dict) -> int:
    """After postings were ingested: the market rules for everyone with an active goal, in batches."""
    now = datetime.now(UTC)
    after, evaluated = 0, 0
    for _ in range(MAX_BATCHES):
        user_ids: list[int] = []
        try:
            async with unit_of_work() as session:
                user_ids = await repository.user_ids_with_active_goals(session, after, BATCH)
                summary = await evaluation.evaluate_users(
                    session, user_ids, now, only_trigger=TriggerType.MARKET_BASED, reschedule=False
                )
        except Exception:
            if not user_ids:
                raise
            await _one_by_one(user_ids, now, only_trigger=TriggerType.MARKET_BASED, reschedule=False)
        else:
            await evaluation.announce(summary)
        evaluated += len(user_ids)
        if len(user_ids) < BATCH:
            break
        after = user_ids[-1]
    return evaluated


async def insight_rephrase(ctx: dict, insight_id: int) -> str:
    """With a model configured: the model rewords a new insight's title and message (metered against
    the person's budget). Its wording is used only when `wording.problem` finds every number and name
    kept and no link added; otherwise, and when the model fails or the budget refuses, ours stays.
    Evidence and actions are never touched. An insight already reworded is skipped."""
    client = model_clients.model_client()
    async with unit_of_work() as session:
        row = await repository.insight_for_worker(session, insight_id)
        if client is None or row is None or row.rephrased or row.dismissed_at is not None:
            return "skipped"
        original = wording.Wording(row.title, row.message)
        evidence, actions, user_id = list(row.evidence or ()), list(row.actions or ()), row.user_id
    prompt = insight_rephrase_prompt(original.title, original.message, wording.keep(original, evidence, actions))
    try:
        reply, _ = await metered_structured(user_id, "insight_rephrase", client, prompt, InsightWording, max_tokens=600)
    except (ModelError, BudgetDenied) as error:
        log.info("insight %s keeps its wording: %s", insight_id, error.message)
        return "kept"
    except Exception:
        log.exception("rewording insight %s failed", insight_id)
        return "kept"
    proposed = wording.Wording(reply.title.strip(), reply.message.strip())
    problem = wording.problem(original, proposed, evidence, actions)
    if problem is not None:
        log.info("insight %s keeps its wording; the model's was refused: %s", insight_id, problem)
        return "kept"
    async with unit_of_work() as session:
        applied = await repository.apply_wording(
            session, insight_id, (original.title, original.message), (proposed.title, proposed.message)
        )
    return "rephrased" if applied else "skipped"


async def guidance_reschedule(ctx: dict, user_id: int) -> str | None:
    """After the person's time zone changed (profileUpdate): their next evaluation at the evaluation
    hour of the new zone (none when guidance is off). Only for people who have guidance settings."""
    async with unit_of_work() as session:
        next_at = await service.reschedule(session, user_id, datetime.now(UTC))
    return next_at.isoformat() if next_at is not None else None
