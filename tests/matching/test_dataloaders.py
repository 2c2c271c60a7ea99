from __future__ import annotations

import uuid

from tests.support.boards import add_company, finished, greenhouse_feed, refresh
from tests.support.graphql import signed_up
from tests.support.servers import json_reply
from tests.support.statements import counting_statements

JOBS = """
query Discovered($first: Int!) {
  jobs(first: $first, filter: {origin: DISCOVERED}, orderBy: NEWEST) {
    edges { node { id scoreBreakdown { total parts { name score } missingMustHave } sources { source url } } }
  }
}
"""


class TestDiscoveredJobsStatementCount:
    async def test_breakdowns_and_sources_do_not_grow_statements_with_the_page(self, client, worker, board):
        # given: 50 discovered jobs from one board
        tag = uuid.uuid4().hex[:8]
        specs = [
            {
                "title": f"Python Engineer {i}",
                "location": "Remote",
                "content": "<p>Requirements: Python and PostgreSQL.</p>",
            }
            for i in range(50)
        ]
        board.route(f"/v1/boards/big-{tag}/jobs", json_reply(greenhouse_feed(tag, f"big-{tag}", specs)))
        user = await signed_up(client)
        run = await finished(user, (await refresh(user, watchedCompanyId=await add_company(user, f"big-{tag}")))["id"])
        assert run["matched"] == 50
        counts = {}
        # when
        for n in (5, 50):
            async with counting_statements() as statements:
                data = await user.gql(JOBS, {"first": n})
            counts[n] = len(statements)
            edges = data["jobs"]["edges"]
            assert len(edges) == n
            assert all(len(e["node"]["sources"]) == 1 and e["node"]["scoreBreakdown"] for e in edges)
        # then
        assert counts[5] == counts[50], counts
