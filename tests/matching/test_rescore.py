"""Re-scoring every job of a person (the worker's `jobs_rescore_for_user`): the same scores,
breakdowns and parses as scoring each job alone, in statements that do not grow with the jobs."""

from __future__ import annotations

from sqlalchemy import select, update

from api.db import read_session, unit_of_work
from api.graphql.relay import decode_id
from api.matching import repository
from api.matching.scoring import scorer_for
from api.matching.tasks import jobs_rescore_for_user
from api.models import Job, User
from tests.support.jobs import create_job
from tests.support.matching import FULL_STACK_JOB, profiled_user, scored
from tests.support.statements import counting_statements

OTHER_JOB = {
    "company": "Beta",
    "title": "Data Engineer",
    "location": "Remote",
    "description": "Requirements: Spark, Airflow and 3+ years of Python. Nice to have: Kafka.",
}


# Postings that take each branch of scoring a stored parse: thin (under 40 words, under three skills:
# provisional), short but not thin (three skills), long with two skills, text in other scripts.
VARIED_JOBS = [
    {"company": "Gamma", "title": "Backend Engineer", "location": "Berlin", "description": "Python and Go."},
    {
        "company": "Delta",
        "title": "Engineer",
        "location": "Hamburg",
        "description": "Python, Rust and Kafka.",
        "techStack": ["Docker"],
    },
    {
        "company": "Epsilon",
        "title": "Senior Platform Engineer",
        "location": "Remote",
        "description": "We build the platform our teams ship on. " * 6 + "Requirements: Kubernetes and Terraform.",
    },
    {
        "company": "Zeta",
        "title": "Développeur Python (m/w/d)",
        "location": "München, Deutschland",
        "description": "Erfahrung mit PostgreSQL und Größen wie 日本語 ✓",
        "requirements": "3+ Jahre Python",
        "techStack": ["Python", "Node.js"],
    },
]


async def stored(job_ids: list[int]) -> dict[int, tuple]:
    async with read_session() as session:
        found = await session.execute(
            select(Job.id, Job.match_score, Job.score_breakdown, Job.parsed_requirements, Job.parsed_requirements_key).where(
                Job.id.in_(job_ids)
            )
        )
        return {row.id: tuple(row[1:]) for row in found}


async def scored_at(job_ids: list[int]) -> dict[int, object]:
    async with read_session() as session:
        return dict((await session.execute(select(Job.id, Job.scored_at).where(Job.id.in_(job_ids)))).all())


async def jobs_of(user, count: int) -> list[int]:
    ids = [await create_job(user, **(FULL_STACK_JOB if i % 2 else OTHER_JOB)) for i in range(count)]
    for job_id in ids:
        await scored(user, job_id)
    return [decode_id(job_id, "Job") for job_id in ids]


async def forget_parses(job_ids: list[int]) -> None:
    async with unit_of_work() as session:
        await session.execute(
            update(Job).where(Job.id.in_(job_ids)).values(parsed_requirements=None, parsed_requirements_key=None)
        )


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

    async def test_rescoring_from_text_and_from_stored_parses_stores_what_scoring_each_job_stored(self, client, worker):
        # given: varied jobs scored one by one by the worker, then their parses forgotten
        user = await profiled_user(client)
        ids = [await create_job(user, **job) for job in VARIED_JOBS]
        for job_id in ids:
            await scored(user, job_id)
        ids = [decode_id(job_id, "Job") for job_id in ids]
        before = await stored(ids)
        await forget_parses(ids)
        async with read_session() as session:
            user_id = (await session.get(Job, ids[0])).user_id
        # when: re-scored from the text (parsed again), then from the parses that stored
        from_text = await jobs_rescore_for_user({}, user_id)
        after_text = await stored(ids)
        from_parses = await jobs_rescore_for_user({}, user_id)
        # then
        assert from_text == from_parses == len(VARIED_JOBS)
        assert after_text == before
        assert await stored(ids) == before
        assert [row[1]["provisional"] for row in (before[i] for i in ids)] == [True, False, False, False]

    async def test_jobs_with_a_current_parse_are_read_without_their_text(self, client, worker):
        # given: jobs scored (their parses stored), one of them edited since without being scored
        user = await profiled_user(client)
        ids = await jobs_of(user, 3)
        async with unit_of_work() as session:
            await session.execute(update(Job).where(Job.id == ids[0]).values(description="Requirements: Rust."))
        async with read_session() as session:
            owner = await session.get(User, (await session.get(Job, ids[0])).user_id)
            prefix = (await scorer_for(session, owner)).key_prefix()
            # when
            rows = {row.id: row for row in await repository.jobs_to_rescore(session, owner.id, prefix)}
        # then: the edited job comes with its text, the others with their parse only
        assert not rows[ids[0]].fresh and rows[ids[0]].description == "Requirements: Rust."
        assert all(rows[i].fresh and rows[i].parse["must_have"] for i in ids[1:])
        assert all(rows[i].description is rows[i].requirements is rows[i].tech_stack is None for i in ids[1:])

    async def test_only_the_scores_that_changed_are_rewritten(self, client, worker):
        # given: a job that asks for Go (nice to have) and one that does not name it, re-scored once
        user = await profiled_user(client)
        no_go, go = await jobs_of(user, 2)
        async with read_session() as session:
            user_id = (await session.get(Job, go)).user_id
        await jobs_rescore_for_user({}, user_id)
        before = await scored_at([no_go, go])
        # when: the profile gains Go
        async with unit_of_work() as session:
            await session.execute(update(User).where(User.id == user_id).values(skills=["Python", "PostgreSQL", "Go"]))
        await jobs_rescore_for_user({}, user_id)
        # then: only the Go job's row was written
        after = await scored_at([no_go, go])
        assert after[no_go] == before[no_go]
        assert after[go] > before[go]

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
