from __future__ import annotations

from tests.support.career import PROGRESS_LOG, create_goal
from tests.support.graphql import signed_up
from tests.support.statements import counting_statements
from tests.support.waiting import eventually

GOALS_PAGE = """
query GoalsPage($first: Int!) {
  viewer {
    goals(first: $first) {
      edges {
        node {
          id title progress
          steps { id title done goal { id } }
          recentProgress { id amount step { id } goal { id } }
          streak { current }
        }
      }
    }
  }
}
"""


async def worker_idle(worker) -> None:
    """Every change enqueues a recompute; the in-process worker's statements would be counted too."""

    async def idle():
        queued = await worker.pool.zcard(worker.queue_name)
        return queued == 0 and all(task.done() for task in worker.tasks.values())

    await eventually(idle, timeout=60)


class TestGoalsStatementCount:
    async def test_statement_count_does_not_grow_with_the_page(self, client, worker):
        # given: 50 goals, each with 2 steps and 2 progress entries (one ticking a step)
        user = await signed_up(client)
        for i in range(50):
            goal = await create_goal(user, title=f"Goal {i}", steps=["First", "Second"])
            await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "stepId": goal["steps"][0]["id"], "minutes": 10}})
            await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "note": "thinking", "minutes": 5}})
        await worker_idle(worker)
        counts = {}
        # when
        for n in (5, 50):
            async with counting_statements() as statements:
                data = await user.gql(GOALS_PAGE, {"first": n})
            counts[n] = len(statements)
            edges = data["viewer"]["goals"]["edges"]
            assert len(edges) == n
            assert all(len(e["node"]["steps"]) == 2 and len(e["node"]["recentProgress"]) == 2 for e in edges)
            assert all(e["node"]["streak"]["current"] == 1 for e in edges)
        # then
        assert counts[5] == counts[50], counts

    async def test_a_page_without_nested_lists_reads_none(self, client, worker):
        # given: goals with steps and progress
        user = await signed_up(client)
        for i in range(3):
            goal = await create_goal(user, title=f"Goal {i}", steps=["First", "Second"])
            await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "minutes": 10}})
        await worker_idle(worker)
        # when: the same page with and without the goals' nested lists
        async with counting_statements() as nested:
            await user.gql(
                "{ viewer { goals(first: 3) { edges { node { id steps { id } recentProgress { id } streak { current } } } } } }"
            )
        async with counting_statements() as plain:
            data = await user.gql("{ viewer { goals(first: 3) { edges { node { id title } } } } }")
        # then: steps, recent progress and streaks are read only when asked for
        assert len(data["viewer"]["goals"]["edges"]) == 3
        assert len(nested) - len(plain) == 3, (nested, plain)
