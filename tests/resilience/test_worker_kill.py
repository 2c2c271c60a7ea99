"""A worker killed mid-job (kill -9): the job runs again on the next worker once its short lease
(worker/lease.py) lapses, not after arq's full job timeout, and completes exactly once."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from sqlalchemy import func, select

from api import broker
from api.db import read_session, unit_of_work
from api.models import Document, DocumentVersion
from tests.support.documents import ACME_JOB
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import create_job
from tests.support.processes import ROOT, child_env, ended, namespace, worker_process
from tests.support.waiting import eventually

LEASE_SECONDS = 2


async def pending_letter(user_id: int, job_id: int) -> int:
    """A cover letter waiting for its worker (the row coverLetterGenerate writes)."""
    async with unit_of_work() as session:
        document = Document(user_id=user_id, job_id=job_id, kind="cover_letter", tone="professional", title="Letter")
        session.add(document)
        await session.flush()
        return document.id


async def state(document_id: int) -> tuple[str, int]:
    async with read_session() as session:
        status = await session.scalar(select(Document.status).where(Document.id == document_id))
        versions = await session.scalar(select(func.count()).where(DocumentVersion.document_id == document_id))
    assert status is not None
    return status, versions or 0


class TestWorkerKilledMidJob:
    async def test_the_job_runs_again_on_the_next_worker_and_completes_once(self, client):
        # given: a cover letter being written (the offline engine types for a few seconds) by a
        # worker process consuming a queue of its own, with 2 s leases
        session = await signed_up(client)
        job_id = db_id(await create_job(session, **ACME_JOB))
        document_id = await pending_letter(db_id(session.user_id), job_id)
        queue = f"{namespace()}:queue"
        env = child_env(REDIS_NAMESPACE=queue.removesuffix(":queue"), JOB_LEASE_SECONDS=str(LEASE_SECONDS))
        arq_job_id = f"{queue}:document:{document_id}:1"
        pool = await broker.pool()
        await pool.enqueue_job("document_generate", document_id, 1, None, _job_id=arq_job_id, _queue_name=queue)
        first = worker_process(env)
        second = None
        try:

            async def writing() -> bool:
                return (await state(document_id))[0] == "streaming"

            await eventually(writing, timeout=60)
            lease_ms = await pool.pttl(f"arq:in-progress:{arq_job_id}")
            # when
            ended(first)
            interrupted = await state(document_id)
            second = worker_process(env)

            async def completed() -> tuple[str, int] | None:
                current = await state(document_id)
                return current if current[0] != "streaming" else None

            final = await eventually(completed, timeout=60)  # arq's own lease here would be 30 min
            await eventually(lambda: _queue_empty(queue), timeout=30)
        finally:
            ended(first)
            if second is not None:
                ended(second)
        # then
        assert 0 < lease_ms <= LEASE_SECONDS * 1000
        assert interrupted == ("streaming", 0)  # killed mid-job, nothing written yet
        assert final == ("completed", 1)  # written exactly once


async def _queue_empty(queue: str) -> bool:
    return await (await broker.pool()).zcard(queue) == 0


def worker_check(env: dict[str, str]) -> int:
    """`python -m worker --check`, the container healthcheck (docker-compose.yml)."""
    return subprocess.run([sys.executable, "-m", "worker", "--check"], cwd=ROOT, env=env, capture_output=True).returncode


class TestWorkerHealthCheck:
    async def test_passes_while_a_worker_of_the_queue_runs_and_fails_without_one(self):
        # given
        env = child_env(REDIS_NAMESPACE=namespace())
        without = await asyncio.to_thread(worker_check, env)
        worker = worker_process(env)
        try:
            # when
            async def passing() -> bool:
                return await asyncio.to_thread(worker_check, env) == 0

            await eventually(passing, timeout=60, interval=0.5)
        finally:
            ended(worker)
        # then
        assert without == 1
