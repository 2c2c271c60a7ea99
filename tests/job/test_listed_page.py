"""The jobs dashboard's page read straight from the driver (`repository.listed_page`) is the page the
ORM reads (`repository.list_page`): same jobs, same order, same totals, same Job objects, for
every shape of the list."""

from __future__ import annotations

import itertools

import pytest

from api import db
from api.application import repository as application_repository
from api.application.types import Application
from api.job import repository
from api.job.types import Job, with_applications
from tests.support.jobs import two_people_with_jobs

SHAPES = list(itertools.product(["SCORE", "NEWEST", "RELEVANCE"], [None, 40], [None, "discovered"]))
WINDOWS = [(0, 20), (0, 7), (7, 7), (21, 5), (29, 20), (40, 10), (0, 0), (12, 0)]


@pytest.fixture
async def people(client, services):
    return await two_people_with_jobs(client, services.database_url)


class TestListedPage:
    @pytest.mark.parametrize(("order", "min_score", "origin"), SHAPES)
    async def test_every_shape_and_window_reads_what_the_orm_reads(self, people, order, min_score, origin):
        # given
        user_id, _ = people
        filters = repository.JobFilter(order=order, min_score=min_score, origin=origin)
        for offset, limit in WINDOWS:
            # when
            listed, listed_total = await repository.listed_page(user_id, filters, offset, limit)
            async with db.read_session() as session:
                rows, total = await repository.list_page(session, user_id, filters, offset, limit)
            # then: the same jobs in the same order, the same count, and the same Job objects
            assert [row["id"] for row in listed] == [row.id for row in rows], (offset, limit)
            assert listed_total == total
            assert [Job.from_model(row) for row in listed] == [Job.from_model(row) for row in rows]

    async def test_the_page_holds_only_the_persons_jobs(self, people):
        # given
        user_id, other_id = people
        # when
        mine, total = await repository.listed_page(user_id, repository.JobFilter(), 0, 100)
        theirs, their_total = await repository.listed_page(other_id, repository.JobFilter(), 0, 100)
        # then
        assert (len(mine), total.count, len(theirs), their_total.count) == (30, 30, 5, 5)
        assert not {row["id"] for row in mine} & {row["id"] for row in theirs}

    async def test_applications_read_as_rows_are_the_applications_the_orm_reads(self, people):
        # given
        user_id, other_id = people
        listed, _ = await repository.listed_page(user_id, repository.JobFilter(), 0, 100)
        theirs, _ = await repository.listed_page(other_id, repository.JobFilter(), 0, 100)
        job_ids = [row["id"] for row in listed] + [row["id"] for row in theirs]  # someone else's jobs asked for too
        # when
        found: dict[int, list] = {}
        for row in await application_repository.listed_by_job_ids(user_id, job_ids):
            found.setdefault(row["job_id"], []).append(row)
        async with db.read_session() as session:
            orm = await application_repository.by_job_ids(session, user_id, job_ids)
        # then
        assert sorted(found) == sorted({row.job_id for row in orm})
        assert len(found) == 10
        by_id = {row.id: Application.from_model(row) for row in orm}
        assert {row["id"]: Application.from_model(row) for rows in found.values() for row in rows} == by_id
        jobs = with_applications([Job.from_model(row) for row in listed], found)
        assert sum(len(job.loaded_applications or []) for job in jobs) == 10
