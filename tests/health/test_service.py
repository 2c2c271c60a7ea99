"""Career health through the service and the API: one report per user and local month, history
oldest first, computed on first read, coverage from the (global) postings, and nobody else's data.
Postings are global: scenarios with postings take the `board` fixture (starts from none, leaves none)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from api.db import read_session, unit_of_work
from api.health import service
from api.models import CareerHealthReport, Posting
from tests.support.career import SNAPSHOT_TAKE
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import PROFILE_UPDATE

ERRORS = "errors { field message code }"
REPORT = """
id month overall skillCurrency marketPosition growth computedAt
skills { skill proficiency lastActiveOn daysSinceActive marketTrendPercent currency note }
market { coveredPostings totalPostings share previousShare trend }
trajectory { skillGrowthPerQuarter pastSkillGrowthPerQuarter typicalForRole trend note }
risks { title detail actionLabel actionHref }
"""
HEALTH = f"query {{ viewer {{ careerHealth {{ latest {{ {REPORT} }} history {{ id month }} }} }} }}"
REFRESH = f"""
mutation Refresh($input: CareerHealthRefreshInput!) {{ careerHealthRefresh(input: $input) {{ report {{ {REPORT} }} {ERRORS} }} }}
"""
NODE = "query Node($id: ID!) { node(id: $id) { id } }"
NOW = datetime.now(UTC)


async def reports(user_id: int) -> int:
    async with read_session() as session:
        query = select(func.count()).select_from(CareerHealthReport).where(CareerHealthReport.user_id == user_id)
        return (await session.execute(query)).scalar_one()


async def refresh_at(user_id: int, now: datetime) -> CareerHealthReport:
    async with unit_of_work() as session:
        return await service.refresh(session, user_id, now)


class TestMonthlyReports:
    async def test_two_refreshes_in_a_month_keep_one_row(self, client):
        # given
        user = await signed_up(client)
        owner = db_id(user.user_id)
        first = await refresh_at(owner, datetime(2001, 1, 5, 12, tzinfo=UTC))
        # when
        second = await refresh_at(owner, datetime(2001, 1, 28, 12, tzinfo=UTC))
        # then
        assert second.id == first.id and str(second.month) == "2001-01-01"
        assert second.computed_at == datetime(2001, 1, 28, 12, tzinfo=UTC)
        assert await reports(owner) == 1

    async def test_the_next_month_adds_a_row_and_history_is_oldest_first(self, client):
        # given
        user = await signed_up(client)
        owner = db_id(user.user_id)
        await refresh_at(owner, datetime(2001, 2, 10, tzinfo=UTC))
        await refresh_at(owner, datetime(2001, 1, 10, tzinfo=UTC))
        # when
        health = (await user.gql(HEALTH))["viewer"]["careerHealth"]
        # then: this month's report is computed on first read, after the two stored ones
        months = [r["month"] for r in health["history"]]
        assert months == ["2001-01-01", "2001-02-01", NOW.date().replace(day=1).isoformat()]
        assert health["latest"]["month"] == months[-1]
        assert await reports(owner) == 3

    async def test_the_month_is_the_persons_local_month(self, client):
        # given: 23:30 UTC on 31 January is already 1 February in Auckland
        user = await signed_up(client)
        owner = db_id(user.user_id)
        await user.gql(
            "mutation($i: ProfileUpdateInput!) { profileUpdate(input: $i) { errors { field } } }",
            {"i": {"timezone": "Pacific/Auckland"}},
        )
        # when
        report = await refresh_at(owner, datetime(2001, 1, 31, 23, 30, tzinfo=UTC))
        # then
        assert str(report.month) == "2001-02-01"


class TestCareerHealthQuery:
    async def test_a_new_user_sees_a_report_and_reading_again_writes_no_second(self, client):
        # given
        user = await signed_up(client)
        # when
        first = (await user.gql(HEALTH))["viewer"]["careerHealth"]
        second = (await user.gql(HEALTH))["viewer"]["careerHealth"]
        # then
        assert first["latest"]["id"] == second["latest"]["id"]
        assert 0 <= first["latest"]["overall"] <= 1 and first["latest"]["trajectory"]["trend"] == "unknown"
        assert await reports(db_id(user.user_id)) == 1


class TestCareerHealthRefresh:
    async def test_coverage_share_comes_from_the_postings_of_the_last_30_days(self, client, board):
        # given: 3 current postings (2 covered by Python + Django), 2 in the 30 days before (both covered)
        async with unit_of_work() as session:
            for skills, days in (
                (["Python"], 3),
                (["Python", "Go"], 5),
                (["Java", "Spring", "Kotlin"], 7),
                (["Django"], 40),
                (["Python", "Django"], 45),
            ):
                session.add(
                    Posting(
                        source="test",
                        fuzzy_key=uuid.uuid4().hex,
                        company="Health Co",
                        title="Engineer",
                        skills=skills,
                        posted_at=NOW - timedelta(days=days),
                    )
                )
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python", "Django"]}})
        # when
        payload = (await user.gql(REFRESH, {"input": {}}))["careerHealthRefresh"]
        # then
        assert payload["errors"] == []
        market = payload["report"]["market"]
        assert (market["coveredPostings"], market["totalPostings"], market["previousShare"], market["trend"]) == (
            2,
            3,
            1.0,
            "down",
        )
        assert round(market["share"], 3) == 0.667
        assert "/market" in [r["actionHref"] for r in payload["report"]["risks"]]

    async def test_refreshing_twice_keeps_one_report_of_the_month(self, client):
        # given
        user = await signed_up(client)
        first = (await user.gql(REFRESH, {"input": {}}))["careerHealthRefresh"]["report"]
        # when
        second = (await user.gql(REFRESH, {"input": {"force": True}}))["careerHealthRefresh"]["report"]
        # then
        assert first["id"] == second["id"] and second["computedAt"] >= first["computedAt"]
        assert await reports(db_id(user.user_id)) == 1


class TestOwnership:
    async def test_another_users_skills_and_reports_never_appear(self, client):
        # given: someone else with Erlang in a snapshot and a report
        other = await signed_up(client)
        await other.gql(SNAPSHOT_TAKE, {"input": {"skills": [{"skill": "Erlang", "proficiency": 0.8}]}})
        theirs = (await other.gql(REFRESH, {"input": {}}))["careerHealthRefresh"]["report"]
        user = await signed_up(client)
        await user.gql(SNAPSHOT_TAKE, {"input": {"skills": [{"skill": "Rust", "proficiency": 0.4}]}})
        # when
        mine = (await user.gql(HEALTH))["viewer"]["careerHealth"]
        node = (await user.gql(NODE, {"id": theirs["id"]}))["node"]
        # then
        assert [s["skill"] for s in theirs["skills"]] == ["Erlang"]
        assert [s["skill"] for s in mine["latest"]["skills"]] == ["Rust"]
        assert theirs["id"] not in [r["id"] for r in mine["history"]]
        assert node is None
