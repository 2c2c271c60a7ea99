"""The goals page and each goal's lists, read straight from the driver (`api.goal.repository`), against
the same questions asked in plain SQL: the person's rows only, in order, capped, in their time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import asyncpg
import pytest

from api.goal import repository
from api.goal.types import Goal, GoalProgressEntry, GoalStep
from tests.support.graphql import db_id, signed_up
from tests.support.services import fetch_rows

STATUSES = ["active", "paused", "completed", "abandoned"]


@pytest.fixture
async def people(client, services):
    """Two people with 9 goals each (every status; pairs created at the same instant), three steps
    per goal and progress entries: 25 on the first goal (more than a goal shows), a few on others."""
    ids = []
    conn = await asyncpg.connect(services.database_url)
    try:
        for user in (await signed_up(client), await signed_up(client)):
            user_id = db_id(user.user_id)
            ids.append(user_id)
            base = datetime(2026, 11, 1, 23, 30, tzinfo=UTC)
            for i in range(9):
                goal_id = await conn.fetchval(
                    "INSERT INTO goals (user_id, title, why, status, difficulty, progress, started_on, created_at) "
                    "VALUES ($1, $2, '', $3, 'medium', $4, $5, $6) RETURNING id",
                    user_id,
                    f"Goal {i}",
                    STATUSES[i % 4],
                    i * 10,
                    base.date(),
                    base - timedelta(days=i // 2),
                )
                for position in (2, 0, 1):
                    await conn.execute(
                        "INSERT INTO goal_steps (user_id, goal_id, position, title, done) VALUES ($1, $2, $3, $4, $5)",
                        user_id,
                        goal_id,
                        position,
                        f"Step {position}",
                        position == 0,
                    )
                for n in range(25 if i == 0 else i % 3):
                    await conn.execute(
                        "INSERT INTO goal_progress_entries (user_id, goal_id, logged_at, amount, minutes, note) "
                        "VALUES ($1, $2, $3, $4, 30, 'x')",
                        user_id,
                        goal_id,
                        base - timedelta(hours=13 * n),
                        n,
                    )
    finally:
        await conn.close()
    return ids


async def fetch(services, sql: str, *args) -> list[asyncpg.Record]:
    return await fetch_rows(services.database_url, sql, *args)


class TestListedGoalReads:
    @pytest.mark.parametrize("statuses", [None, ["active"], ["active", "paused"], ["completed", "abandoned", "paused"]])
    async def test_the_page_is_the_persons_goals_newest_first(self, people, services, statuses):
        user_id, _ = people
        everything = await fetch(
            services,
            "SELECT id FROM goals WHERE user_id = $1 AND ($2::text[] IS NULL OR status = ANY($2)) ORDER BY created_at DESC, id DESC",
            user_id,
            statuses,
        )
        for offset, limit in [(0, 20), (0, 4), (4, 4), (8, 4), (30, 5), (0, 0)]:
            # when
            rows, total = await repository.goals_page(user_id, offset, limit, statuses=statuses)
            # then
            assert [row.id for row in rows] == [r["id"] for r in everything][offset : offset + limit]
            assert total == len(everything)
            assert all(isinstance(Goal.from_model(row), Goal) for row in rows)

    async def test_steps_in_order_and_only_the_persons(self, people, services):
        user_id, other_id = people
        goal_ids = [r["id"] for r in await fetch(services, "SELECT id FROM goals WHERE user_id IN ($1, $2)", user_id, other_id)]
        # when: asking for everyone's goals
        rows = await repository.steps_by_goal_ids(user_id, goal_ids)
        # then
        expected = await fetch(services, "SELECT id FROM goal_steps WHERE user_id = $1 ORDER BY goal_id, position, id", user_id)
        assert [row.id for row in rows] == [r["id"] for r in expected]
        assert [GoalStep.from_model(row).position for row in rows[:3]] == [0, 1, 2]

    async def test_recent_entries_are_the_newest_twenty_of_each_goal(self, people, services):
        user_id, other_id = people
        goal_ids = [r["id"] for r in await fetch(services, "SELECT id FROM goals WHERE user_id IN ($1, $2)", user_id, other_id)]
        # when
        rows = await repository.recent_entries_by_goal_ids(user_id, goal_ids)
        # then
        expected = []
        for goal in await fetch(services, "SELECT id FROM goals WHERE user_id = $1 ORDER BY id", user_id):
            newest = await fetch(
                services,
                "SELECT id FROM goal_progress_entries WHERE goal_id = $1 ORDER BY logged_at DESC, id DESC LIMIT 20",
                goal["id"],
            )
            expected += [r["id"] for r in newest]
        assert [row.id for row in rows] == expected
        assert max(sum(1 for row in rows if row.goal_id == goal) for goal in goal_ids) == 20
        assert all(isinstance(GoalProgressEntry.from_model(row), GoalProgressEntry) for row in rows)

    @pytest.mark.parametrize("timezone", ["UTC", "Europe/Berlin", "America/Los_Angeles"])
    async def test_active_days_are_local_days(self, people, services, timezone):
        user_id, other_id = people
        goal_ids = [r["id"] for r in await fetch(services, "SELECT id FROM goals WHERE user_id IN ($1, $2)", user_id, other_id)]
        # when
        days = await repository.active_days_by_goal_ids(user_id, goal_ids, timezone)
        # then: each goal's entries' days in that time zone, each once (23:30 UTC is the next day in Berlin)
        entries = await fetch(services, "SELECT goal_id, logged_at FROM goal_progress_entries WHERE user_id = $1", user_id)
        expected: dict[int, set] = {}
        for entry in entries:
            expected.setdefault(entry["goal_id"], set()).add(entry["logged_at"].astimezone(ZoneInfo(timezone)).date())
        assert {goal: sorted(found) for goal, found in days.items()} == {goal: sorted(found) for goal, found in expected.items()}
