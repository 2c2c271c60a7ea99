"""The transactional outbox: a job is written in the transaction of the rows it concerns, sent after
the commit, and a relay sends what was left behind (Redis down) — each row once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api import queue
from api.db import read_session, sessionmaker, unit_of_work
from api.models import JobOutbox
from api.outbox import relay
from tests.support.documents import COVER_LETTER, finished
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import create_job
from tests.support.outbox import outbox_rows, queued_ids, worker_on_the_current_redis
from tests.support.waiting import eventually


class Boom(Exception):
    pass


async def outbox_count(session) -> int:
    return (await session.execute(select(func.count()).select_from(JobOutbox))).scalar_one()


async def outbox_empty() -> bool:
    return await outbox_rows() == []


async def stored(rows: list[JobOutbox]) -> None:
    async with unit_of_work() as session:
        session.add_all(rows)


def due(function: str, *args: object, key: str | None = None, at: datetime | None = None) -> JobOutbox:
    """An outbox row whose send after its commit did not happen, due for the relay at `at`."""
    return JobOutbox(function=function, args=list(args), key=key, next_attempt_at=at or datetime.now(UTC) - timedelta(seconds=1))


class TestEnqueue:
    async def test_the_row_is_written_in_the_unit_of_works_own_transaction(self, idle_queue):
        # given
        async with unit_of_work() as session:
            # when
            queue.enqueue("job_score", 1, True, key="outbox-test:same-transaction")
            await session.flush()
            # then: the unit of work sees its row; another connection does not, until the commit
            inside = await outbox_count(session)
            async with read_session() as other:
                outside = await outbox_count(other)
            assert (inside, outside) == (1, 0)

    async def test_after_the_commit_the_job_is_sent_and_its_row_deleted(self, idle_queue):
        # given / when
        async with unit_of_work():
            queue.enqueue("job_score", 1, True, key="outbox-test:sent")
        # then
        assert await queued_ids() == [f"{idle_queue}:outbox-test:sent"]
        assert await outbox_rows() == []

    async def test_a_rolled_back_unit_of_work_leaves_no_row_and_sends_nothing(self, idle_queue):
        # given / when
        with pytest.raises(Boom):
            async with unit_of_work() as session:
                queue.enqueue("job_score", 1, True, key="outbox-test:rolled-back")
                await session.flush()
                raise Boom
        # then
        assert await outbox_rows() == []
        assert await queued_ids() == []


class TestRelay:
    async def test_it_sends_the_rows_that_are_due_and_deletes_them(self, idle_queue):
        # given: one row left behind, one still within its after-commit grace
        await stored(
            [
                due("job_score", 1, True, key="outbox-test:left"),
                due("job_score", 2, True, key="outbox-test:fresh", at=datetime.now(UTC) + timedelta(minutes=1)),
            ]
        )
        # when
        sent = await relay()
        # then
        assert sent == 1
        assert await queued_ids() == [f"{idle_queue}:outbox-test:left"]
        assert [row.key for row in await outbox_rows()] == ["outbox-test:fresh"]

    async def test_two_relays_at_once_send_each_row_once(self, idle_queue):
        # given: jobs without a key, so a second send would be a second job in the queue
        await stored([due("job_score", n, True) for n in range(30)])
        # when
        counts = await asyncio.gather(relay(batch=4), relay(batch=4))
        # then
        assert sum(counts) == 30
        assert len(await queued_ids()) == 30
        assert await outbox_rows() == []

    async def test_rows_another_relay_holds_are_skipped_not_waited_for(self, idle_queue):
        # given: another relay has locked the only row
        await stored([due("job_score", 1, True, key="outbox-test:held")])
        async with sessionmaker()() as other:  # a transaction (a read session is autocommit: no lock would last)
            await other.execute(select(JobOutbox).with_for_update())
            # when
            sent = await asyncio.wait_for(relay(), timeout=10)
        # then
        assert sent == 0
        assert await queued_ids() == []
        assert len(await outbox_rows()) == 1


class TestStartUp:
    async def test_a_starting_worker_sends_what_the_outbox_holds(self, idle_queue):
        # given: a job left behind while no worker ran
        await stored([due("job_score", 0, False, key="outbox-test:start-up")])
        # when
        async with worker_on_the_current_redis():
            # then
            await eventually(outbox_empty)

    def test_the_worker_relays_every_minute_and_sweeps_pending_work(self):
        # given
        from worker.main import worker_settings

        # when
        crons = {job.name: job for job in worker_settings()["cron_jobs"]}
        # then
        assert crons["cron:outbox_relay"].minute is None and crons["cron:outbox_relay"].second == 0
        assert {"cron:documents_fail_stale", "cron:resume_uploads_fail_stale", "cron:job_imports_fail_stale"} <= set(crons)


class TestRedisOutage:
    async def test_a_cover_letter_requested_while_redis_is_down_is_written_once_it_is_back(
        self, client, offline, broker_on_private_redis
    ):
        # given: a person with a job, and Redis gone
        user = await signed_up(client)
        job_id = await create_job(user, company="Acme Robotics", title="Backend Engineer", techStack=["Python"])
        broker_on_private_redis.stop()
        # when: they ask for a cover letter during the outage
        payload = (await user.gql(COVER_LETTER, {"input": {"jobId": job_id, "tone": "PROFESSIONAL"}}))["coverLetterGenerate"]
        # then: the request succeeds and the job waits in the outbox
        assert payload["errors"] == [] and payload["document"]["status"] == "PENDING"
        document_id = db_id(payload["document"]["id"])
        assert [(row.function, row.args[:2]) for row in await outbox_rows()] == [("document_generate", [document_id, 1])]
        # when: Redis is back, the relay runs (once the row's grace has passed) and a worker consumes the queue
        broker_on_private_redis.start()
        await eventually(relay, timeout=20)
        async with worker_on_the_current_redis():
            doc = await finished(user, payload["document"]["id"])
            # then: written exactly once, nothing left to send
            assert doc["status"] == "COMPLETED", doc
            assert [v["number"] for v in doc["versions"]] == [1]
            assert await outbox_rows() == []
            assert await relay() == 0
