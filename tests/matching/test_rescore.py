"""Re-scoring every job of a person (the worker's `jobs_rescore_for_user`): the same scores,
breakdowns and parses as scoring each job alone, in statements that do not grow with the jobs."""

from __future__ import annotations

from sqlalchemy import select

from api.db import read_session
from api.graphql.relay import decode_id
from api.matching.tasks import jobs_rescore_for_user
from api.models import Job
from tests.support.jobs import create_job
from tests.support.matching import FULL_STACK_JOB, profiled_user, scored
from tests.support.statements import counting_statements

OTHER_JOB = {
    "company": "Beta",
    "title": "Data Engineer",
    "location": "Remote",
    "description": "Requirements: Spark, Airflow and 3+ years of Python. Nice to have: Kafka.",
}


async def stored(job_ids: list[int]) -> dict[int, tuple]:
    async with read_session() as session:
        found = await session.execute(
            select(Job.id, Job.match_score, Job.score_breakdown, Job.parsed_requirements, Job.parsed_requirements_key).where(
                Job.id.in_(job_ids)
            )
        )
        return {row.id: tuple(row[1:]) for row in found}


async def jobs_of(user, count: int) -> list[int]:
    ids = [await create_job(user, **(FULL_STACK_JOB if i % 2 else OTHER_JOB)) for i in range(count)]
    for job_id in ids:
        await scored(user, job_id)
    return [decode_id(job_id, "Job") for job_id in ids]


class TestRescoreEveryJob:
    async def test_rescoring_stores_what_scoring_each_job_stored(self, client, worker):
        # given: jobs scored one by one by the worker
        user = await profiled_user(client)
        ids = await jobs_of(user, 4)
        before = await stored(ids)
        async with read_session() as session:
            user_id = (await session.get(Job, ids[0])).user_id
        # when
        count = await jobs_rescore_for_user({}, user_id)
        # then
        assert count == 4
        assert await stored(ids) == before

    async def test_statements_do_not_grow_with_the_jobs(self, client, worker):
        # given
        few, many = await profiled_user(client), await profiled_user(client)
        few_ids, many_ids = await jobs_of(few, 2), await jobs_of(many, 8)
        counts = {}
        for ids in (few_ids, many_ids):
            async with read_session() as session:
                user_id = (await session.get(Job, ids[0])).user_id
            # when
            async with counting_statements() as statements:
                await jobs_rescore_for_user({}, user_id)
            counts[len(ids)] = len(statements)
        # then
        assert counts[2] == counts[8], counts
