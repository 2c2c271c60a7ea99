"""Queue fairness: slow work people start (generation, parsing, page fetches) has a queue and a
worker of its own (api.queue.HEAVY), so one person's burst of it never stands in front of another
person's alert, which runs on the default queue (scoring, notification, delivery)."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from api.db import read_session
from api.models import Document
from tests.support.channels import PREFERENCES_UPDATE
from tests.support.documents import ACME_JOB, COVER_LETTER
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import PROFILE_UPDATE, STRONG_JOB, STRONG_PROFILE, create_job
from tests.support.waiting import eventually

BURST = 30


async def statuses(user_id: int) -> list[str]:
    async with read_session() as session:
        return list((await session.execute(select(Document.status).where(Document.user_id == user_id))).scalars())


class TestAlertsDuringABurst:
    async def test_another_persons_alert_is_delivered_while_the_burst_is_still_queued(
        self, client, worker, heavy_held, receiver, offline
    ):
        # given one person's burst of cover letters, all taken, filling the heavy queue (its worker busy)
        busy = await signed_up(client)
        job_id = await create_job(busy, **ACME_JOB)
        payloads = await asyncio.gather(
            *(busy.gql(COVER_LETTER, {"input": {"jobId": job_id, "tone": "PROFESSIONAL"}}) for _ in range(BURST))
        )
        assert all(p["coverLetterGenerate"]["errors"] == [] for p in payloads)
        # and another person with job alerts on ntfy
        other = await signed_up(client)
        await other.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})
        update = {"ntfyUrl": f"{receiver.base}/fair-alerts", "topics": [{"topic": "JOB_ALERTS", "channels": ["NTFY"]}]}
        assert (await other.gql(PREFERENCES_UPDATE, {"input": update}))["notificationPreferencesUpdate"]["errors"] == []
        # when the other person adds a strongly matching job (scored, notified and delivered by the worker)
        await create_job(other, **STRONG_JOB)
        [posted] = await receiver.wait_for("/fair-alerts")
        # then the alert went out before any of the burst's letters was written
        assert posted.headers["Title"] == "Strong match: Senior Python Engineer at Acme"
        assert await statuses(db_id(busy.user_id)) == ["pending"] * BURST

        # and the burst completes once the heavy worker takes jobs again
        heavy_held.allow_pick_jobs = True

        async def burst_done():
            return all(s == "completed" for s in await statuses(db_id(busy.user_id)))

        assert await eventually(burst_done, timeout=120)
