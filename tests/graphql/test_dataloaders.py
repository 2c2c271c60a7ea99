from __future__ import annotations

from tests.support.graphql import signed_up
from tests.support.jobs import create_application, create_job
from tests.support.statements import counting_statements
from tests.support.waiting import eventually

DASHBOARD = """
query Dashboard($first: Int!) {
  jobs(first: $first, orderBy: NEWEST) {
    edges { node { id title applications { id status history { toStatus } job { company } } } }
  }
}
"""


class TestDashboardStatementCount:
    async def test_statement_count_does_not_grow_with_the_page(self, client, worker):
        # given: 50 jobs, each with an application, scored (so no background scoring runs while counting)
        user = await signed_up(client)
        for i in range(50):
            await create_application(user, await create_job(user, title=f"Job {i}"))

        async def all_scored():
            data = await user.gql("query { jobs(first: 100) { edges { node { matchScore } } } }")
            return all(e["node"]["matchScore"] is not None for e in data["jobs"]["edges"])

        await eventually(all_scored)
        counts = {}
        # when
        for n in (5, 50):
            async with counting_statements() as statements:
                data = await user.gql(DASHBOARD, {"first": n})
            counts[n] = len(statements)
            assert len(data["jobs"]["edges"]) == n
            assert all(len(e["node"]["applications"]) == 1 for e in data["jobs"]["edges"])
        # then
        assert counts[5] == counts[50], counts


LIST_WITH_APPLICATIONS_IN_A_FRAGMENT = """
query Jobs { jobs(first: 10) { edges { node { ...Card } } } }
fragment Card on Job { title applications { status } }
"""
LIST_WITHOUT_APPLICATIONS = "query Jobs { jobs(first: 10) { totalCount edges { node { title } } } }"


class TestJobListPrefetch:
    async def test_applications_asked_through_a_fragment_come_with_the_page(self, client, worker):
        # given
        user = await signed_up(client)
        await create_application(user, await create_job(user, title="Applied"))
        await create_job(user, title="Not applied")
        # when
        async with counting_statements() as statements:
            data = await user.gql(LIST_WITH_APPLICATIONS_IN_A_FRAGMENT)
        # then: count, page, applications
        by_title = {e["node"]["title"]: e["node"]["applications"] for e in data["jobs"]["edges"]}
        assert by_title == {"Applied": [{"status": "INTERESTED"}], "Not applied": []}
        assert sum("applications" in s for s in statements) == 1, statements

    async def test_a_list_that_does_not_ask_for_applications_reads_none(self, client, worker):
        # given
        user = await signed_up(client)
        await create_application(user, await create_job(user, title="Applied"))
        # when
        async with counting_statements() as statements:
            data = await user.gql(LIST_WITHOUT_APPLICATIONS)
        # then
        assert data["jobs"]["totalCount"] == 1
        assert not any("applications" in s for s in statements), statements
