from __future__ import annotations

from datetime import UTC, datetime

import asyncpg

from api.db import read_session
from api.graphql.relay import encode_id
from api.matching.repository import unscored_job_ids
from api.matching.tasks import jobs_score_unscored
from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE, STRONG_PROFILE
from tests.support.waiting import worker_idle

SCORE = "query Score($id: ID!) { node(id: $id) { ... on Job { matchScore } } }"
NOTIFICATIONS = "query { notifications { totalCount } }"


class TestJobsScoreUnscored:
    async def test_scores_jobs_whose_scoring_was_lost_and_alerts_once(self, client, services):
        # given: a job written without its scoring job ever being enqueued, older than the grace period
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": STRONG_PROFILE})
        await worker_idle()  # the profile's re-score has run, so it cannot score the job below first
        connection = await asyncpg.connect(services.database_url)
        db_id = await connection.fetchval(
            """INSERT INTO jobs (user_id, company, title, location, tech_stack, created_at)
               SELECT id, 'Acme', 'Senior Python Engineer', 'Berlin', '{Python,PostgreSQL}', now() - interval '10 minutes'
               FROM users WHERE username = $1 RETURNING id""",
            user.username,
        )
        await connection.close()
        # when: the sweep runs twice (arq may deliver a cron run twice)
        first = await jobs_score_unscored({})
        await jobs_score_unscored({})
        # then: the first run scored it, so no later run picks it up again (other tests' jobs may be
        # swept too, so the count is not compared with zero)
        assert first >= 1
        async with read_session() as session:
            assert db_id not in await unscored_job_ids(session, datetime.now(UTC), 10_000)
        assert (await user.gql(SCORE, {"id": encode_id("Job", db_id)}))["node"]["matchScore"] == 100
        assert (await user.gql(NOTIFICATIONS))["notifications"]["totalCount"] == 1
