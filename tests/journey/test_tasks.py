"""The worker side: registration, and the nightly refresh of every journey."""

from __future__ import annotations

from tests.support.career import JOURNEY_UPDATE, LEARNING_PATTERNS
from tests.support.graphql import signed_up
from tests.support.waiting import eventually


class TestWorkerRegistration:
    def test_recompute_is_a_worker_function_and_the_nightly_refresh_a_cron(self):
        # given
        from worker.main import worker_settings

        # when
        settings = worker_settings()
        # then
        assert "journey_recompute" in {f.name for f in settings["functions"]}
        nightly = next(c for c in settings["cron_jobs"] if c.name == "cron:journeys_recompute_nightly")
        assert (nightly.hour, nightly.minute) == (3, 15)


class TestNightlyRecompute:
    async def test_every_journey_is_refreshed(self, client, worker):
        # given a journey whose cache was computed once
        from api.journey.tasks import journeys_recompute_nightly

        user = await signed_up(client)
        await user.gql(JOURNEY_UPDATE, {"input": {"currentRole": "Data Analyst"}})

        async def computed_at():
            return (await user.gql(LEARNING_PATTERNS))["viewer"]["journey"]["computedAt"]

        first = await eventually(computed_at)
        # when
        count = await journeys_recompute_nightly({})
        # then
        assert count >= 1
        assert await eventually(lambda: _later(computed_at, first))


async def _later(read, than: str):
    value = await read()
    return value and value > than and value
