"""The Journey page's lists, read straight from the driver (`api.journey.repository`), against the same
questions asked in plain SQL: the person's rows only, in order, filtered, each decision with its goal
when it is the person's own."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest

from api.journey import repository
from api.journey.types import Decision, Milestone, SkillSnapshot
from tests.support.graphql import db_id, signed_up
from tests.support.services import fetch_rows

KINDS = ["goal_set", "role_change", "job_offer"]


@pytest.fixture
async def people(client, services):
    """Two people: goals, 12 decisions each (some open, some old, ties in time; one pointing at the
    other person's goal), 7 milestones (ties in day) and 5 skill snapshots with computed demand notes."""
    ids, goals = [], []
    base = datetime(2026, 11, 1, 12, tzinfo=UTC)
    conn = await asyncpg.connect(services.database_url)
    try:
        for user in (await signed_up(client), await signed_up(client)):
            user_id = db_id(user.user_id)
            ids.append(user_id)
            goals.append(
                await conn.fetchval(
                    "INSERT INTO goals (user_id, title, why, status, difficulty, progress, started_on) "
                    "VALUES ($1, 'Learn Go', 'Because', 'active', 'medium', 10, $2) RETURNING id",
                    user_id,
                    base.date(),
                )
            )
        for n, user_id in enumerate(ids):
            for i in range(12):
                goal = goals[n] if i % 3 == 0 else (goals[1 - n] if i == 4 else None)  # i == 4: someone else's goal
                await conn.execute(
                    "INSERT INTO decisions (user_id, kind, context, choice, decided_at, outcome, goal_id) "
                    "VALUES ($1, $2, 'ctx', 'choice', $3, $4, $5)",
                    user_id,
                    KINDS[i % 3],
                    base - timedelta(days=10 * (i // 2)),
                    "done" if i % 4 == 1 else None,
                    goal,
                )
            for i in range(7):
                await conn.execute(
                    "INSERT INTO milestones (user_id, kind, title, description, market_value_note, achieved_on) "
                    "VALUES ($1, 'other', $2, '', '', $3)",
                    user_id,
                    f"M{i}",
                    base.date() - timedelta(days=30 * (i // 2)),
                )
            for i in range(5):
                notes = {
                    "Go": {"market_demand": {"share": 0.2 + i / 100, "trend": "up", "note": "x" * 50}, "gap": 0.1},
                    "SQL": {"market_demand": 0.4, "gap": None},
                }
                await conn.execute(
                    "INSERT INTO skill_snapshots (user_id, taken_on, skills, notes) VALUES ($1, $2, $3, $4)",
                    user_id,
                    base.date() - timedelta(days=40 * i),
                    json.dumps({"Go": 0.5, "SQL": 0.7}),
                    json.dumps(notes),
                )
    finally:
        await conn.close()
    return ids, goals


async def fetch(services, sql: str, *args) -> list[asyncpg.Record]:
    return await fetch_rows(services.database_url, sql, *args)


WINDOWS = [(0, 20), (0, 5), (5, 5), (10, 5), (30, 5), (0, 0)]


class TestListedJourneyReads:
    @pytest.mark.parametrize("with_goals", [False, True])
    @pytest.mark.parametrize(
        "filters",
        [
            repository.DecisionFilter(),
            repository.DecisionFilter(open_only=True),
            repository.DecisionFilter(open_only=True, decided_before=datetime(2026, 10, 20, tzinfo=UTC)),
            repository.DecisionFilter(kinds=["goal_set", "job_offer"]),
        ],
    )
    async def test_decisions_newest_first_filtered_with_the_persons_goals(self, people, services, filters, with_goals):
        (user_id, _), (goal_id, other_goal) = people
        expected = await fetch(
            services,
            "SELECT id, goal_id FROM decisions WHERE user_id = $1 AND (NOT $2 OR outcome IS NULL) "
            "AND ($3::timestamptz IS NULL OR decided_at < $3) AND ($4::text[] IS NULL OR kind = ANY($4)) "
            "ORDER BY decided_at DESC, id DESC",
            user_id,
            filters.open_only,
            filters.decided_before,
            filters.kinds,
        )
        for offset, limit in WINDOWS:
            # when
            rows, total = await repository.decisions_page(user_id, offset, limit, filters=filters, with_goals=with_goals)
            # then
            window = expected[offset : offset + limit]
            assert [row.id for row in rows] == [r["id"] for r in window] and total == len(expected)
            goals = [row.goal.id if row.goal else None for row in rows]
            own = [r["goal_id"] if r["goal_id"] == goal_id else None for r in window]
            assert goals == (own if with_goals else [None] * len(rows))
            assert other_goal not in goals
            assert all(isinstance(Decision.from_model(row), Decision) for row in rows)

    async def test_milestones_most_recent_first(self, people, services):
        (user_id, _), _ = people
        expected = await fetch(
            services, "SELECT id FROM milestones WHERE user_id = $1 ORDER BY achieved_on DESC, id DESC", user_id
        )
        for offset, limit in WINDOWS:
            rows, total = await repository.milestones_page(user_id, offset, limit)
            assert [row.id for row in rows] == [r["id"] for r in expected][offset : offset + limit]
            assert total == 7 and all(isinstance(Milestone.from_model(row), Milestone) for row in rows)

    @pytest.mark.parametrize("newest_first", [True, False])
    async def test_snapshots_in_order_with_or_without_the_demand_notes(self, people, services, newest_first):
        (user_id, _), _ = people
        order = "DESC" if newest_first else "ASC"
        expected = await fetch(services, f"SELECT id FROM skill_snapshots WHERE user_id = $1 ORDER BY taken_on {order}", user_id)
        # when
        full, total = await repository.snapshots_page(user_id, 0, 20, newest_first=newest_first)
        slim, _ = await repository.snapshots_page(user_id, 0, 20, newest_first=newest_first, demand_notes=False)
        # then: the same snapshots; without the notes, each computed note is its share
        assert [row.id for row in full] == [row.id for row in slim] == [r["id"] for r in expected] and total == 5
        assert isinstance(full[0].taken_on, date)
        assert full[0].notes["Go"]["market_demand"]["trend"] == "up"
        assert slim[0].notes["Go"] == {"market_demand": full[0].notes["Go"]["market_demand"]["share"], "gap": 0.1}
        assert slim[0].notes["SQL"] == {"market_demand": 0.4, "gap": None}
        shown = [SkillSnapshot.from_model(row) for row in slim]
        assert [skill.market_demand for skill in shown[0].skills] == [full[0].notes["Go"]["market_demand"]["share"], 0.4]
