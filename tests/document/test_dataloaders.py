from __future__ import annotations

from tests.support.documents import ACME_JOB, cover_letter, finished
from tests.support.graphql import signed_up
from tests.support.jobs import create_job
from tests.support.statements import counting_statements

DOCUMENTS = """
query Docs($first: Int!) {
  documents(first: $first) {
    edges { node { id text versions { number } latestVersion { number } ratings { rating } job { title documents { id } } } }
  }
}
"""


class TestDocumentsStatementCount:
    async def test_statement_count_does_not_grow_with_the_page(self, client, worker, offline):
        # given: 8 finished letters, each for its own job
        user = await signed_up(client)
        ids = [
            (await cover_letter(user, await create_job(user, **{**ACME_JOB, "title": f"Engineer {i}"})))["id"] for i in range(8)
        ]
        for doc_id in ids:
            await finished(user, doc_id)
        counts = {}
        # when
        for n in (2, 8):
            async with counting_statements() as statements:
                data = await user.gql(DOCUMENTS, {"first": n})
            counts[n] = len(statements)
            assert len(data["documents"]["edges"]) == n
        # then
        assert counts[2] == counts[8], counts
