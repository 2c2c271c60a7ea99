"""Career recommendations through the API: generate, decline memory, accept in one unit of work,
bad input, ownership and statement counts. Postings are global: scenarios with a market trend
take the `board` fixture, which starts from no postings and leaves none."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.db import read_session, unit_of_work
from api.models import CareerRecommendation, Decision, Goal, Posting
from tests.support.career import create_goal
from tests.support.graphql import db_id, signed_up
from tests.support.jobs import PROFILE_UPDATE, create_job
from tests.support.statements import counting_statements

ERRORS = "errors { field message code }"
FIELDS = """
id type title description reasoning expectedImpact timeToCompleteDays effort
confidence marketRelevance personalFit scoring { name value explanation } goalSteps
state declineReason decidedAt createdAt goal { id title steps { title } }
"""
GENERATE = f"""
mutation Generate($input: CareerRecommendationsGenerateInput!) {{
  careerRecommendationsGenerate(input: $input) {{ recommendations {{ {FIELDS} }} {ERRORS} }}
}}
"""
ACCEPT = f"""
mutation Accept($input: CareerRecommendationAcceptInput!) {{
  careerRecommendationAccept(input: $input) {{ recommendation {{ {FIELDS} }} goal {{ id title targetDate difficulty }} {ERRORS} }}
}}
"""
DECLINE = f"""
mutation Decline($input: CareerRecommendationDeclineInput!) {{
  careerRecommendationDecline(input: $input) {{ recommendation {{ {FIELDS} }} {ERRORS} }}
}}
"""
LIST = f"""
query List($states: [RecommendationState!]) {{ viewer {{ careerRecommendations(states: $states) {{ {FIELDS} }} }} }}
"""
DECISIONS = "query { viewer { decisions(first: 10) { edges { node { kind choice goal { id } } } } } }"
TODAY = datetime.now(UTC)


async def kubernetes_seeker(client):
    """A Python developer whose two saved jobs both ask for Kubernetes."""
    user = await signed_up(client)
    await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python"]}})
    await create_job(user, techStack=["Kubernetes", "Python"])
    await create_job(user, title="Platform engineer", techStack=["Kubernetes"])
    return user


async def generate(user, limit: int = 5) -> list[dict]:
    payload = (await user.gql(GENERATE, {"input": {"limit": limit}}))["careerRecommendationsGenerate"]
    assert payload["errors"] == [], payload
    return payload["recommendations"]


def focus(recommendations: list[dict]) -> list[dict]:
    return [r for r in recommendations if r["type"] == "SKILL_FOCUS"]


async def seed_postings(skill: str, days_ago: list[int]) -> None:
    async with unit_of_work() as session:
        session.add_all(
            Posting(
                source="test",
                fuzzy_key=uuid.uuid4().hex,
                company="Trend Co",
                title="Engineer",
                skills=[skill],
                posted_at=TODAY - timedelta(days=d),
            )
            for d in days_ago
        )


async def count(model, user_id: int) -> int:
    async with read_session() as session:
        return (await session.execute(select(func.count()).select_from(model).where(model.user_id == user_id))).scalar_one()


class TestCareerRecommendationsGenerate:
    async def test_suggests_the_skill_focus_and_certification_of_the_gap(self, client):
        # given
        user = await kubernetes_seeker(client)
        # when
        found = await generate(user)
        # then
        assert {r["type"] for r in found} == {"SKILL_FOCUS", "CERTIFICATION"}
        kubernetes = focus(found)[0]
        assert kubernetes["title"] == "Focus on Kubernetes" and kubernetes["state"] == "OPEN"
        assert "2 of your 2 jobs (100%)" in kubernetes["reasoning"]
        assert [s["name"] for s in kubernetes["scoring"]] == ["confidence", "market_relevance", "personal_fit"]
        assert kubernetes["goalSteps"] and kubernetes["goal"] is None

    async def test_generating_twice_stores_no_duplicates(self, client):
        # given
        user = await kubernetes_seeker(client)
        first = await generate(user)
        # when
        second = await generate(user)
        # then
        assert sorted(r["id"] for r in first) == sorted(r["id"] for r in second)
        assert await count(CareerRecommendation, db_id(user.user_id)) == len(first)

    async def test_a_declined_one_is_not_suggested_again_on_the_same_facts(self, client, board):
        # given: Kubernetes flat in the market (5 postings before, 5 now), declined
        await seed_postings("Kubernetes", [100, 110, 120, 130, 140, 10, 20, 30, 40, 50])
        user = await kubernetes_seeker(client)
        kubernetes = focus(await generate(user))[0]
        await user.gql(DECLINE, {"input": {"id": kubernetes["id"], "reason": "Not now"}})
        # when
        again = await generate(user)
        # then
        assert focus(again) == []

    async def test_a_declined_one_returns_when_its_market_trend_jumps(self, client, board):
        # given: declined while flat
        await seed_postings("Kubernetes", [100, 110, 120, 130, 140, 10, 20, 30, 40, 50])
        user = await kubernetes_seeker(client)
        declined = focus(await generate(user))[0]
        await user.gql(DECLINE, {"input": {"id": declined["id"]}})
        # when: 10 more postings in the current window: +200 %
        await seed_postings("Kubernetes", [5, 6, 7, 8, 9, 11, 12, 13, 14, 15])
        again = focus(await generate(user))
        # then
        assert len(again) == 1 and again[0]["id"] != declined["id"]
        assert "+200%" in again[0]["reasoning"]
        listed = (await user.gql(LIST, {"states": ["DECLINED"]}))["viewer"]["careerRecommendations"]
        assert [r["id"] for r in listed] == [declined["id"]]

    @pytest.mark.parametrize("limit", [0, 21])
    async def test_limit_out_of_range_is_a_payload_error(self, client, limit):
        # given
        user = await kubernetes_seeker(client)
        # when
        payload = (await user.gql(GENERATE, {"input": {"limit": limit}}))["careerRecommendationsGenerate"]
        # then
        assert payload["errors"] == [{"field": "limit", "message": "Ask for 1 to 20 recommendations", "code": "OUT_OF_RANGE"}]
        assert await count(CareerRecommendation, db_id(user.user_id)) == 0


class TestCareerRecommendationAccept:
    async def test_creates_the_goal_with_its_steps_and_a_goal_set_decision(self, client):
        # given
        user = await kubernetes_seeker(client)
        kubernetes = focus(await generate(user))[0]
        # when
        payload = (await user.gql(ACCEPT, {"input": {"id": kubernetes["id"]}}))["careerRecommendationAccept"]
        # then
        assert payload["errors"] == []
        recommendation, goal = payload["recommendation"], payload["goal"]
        assert recommendation["state"] == "ACCEPTED" and recommendation["decidedAt"]
        assert recommendation["goal"]["id"] == goal["id"] and goal["title"] == "Focus on Kubernetes"
        assert [s["title"] for s in recommendation["goal"]["steps"]] == kubernetes["goalSteps"]
        expected = date.today() + timedelta(days=kubernetes["timeToCompleteDays"])
        assert abs((date.fromisoformat(goal["targetDate"]) - expected).days) <= 1
        decisions = (await user.gql(DECISIONS))["viewer"]["decisions"]["edges"]
        assert [(d["node"]["kind"], d["node"]["goal"]["id"]) for d in decisions] == [("GOAL_SET", goal["id"])]

    async def test_a_failing_goal_validation_writes_nothing(self, client):
        # given
        user = await kubernetes_seeker(client)
        kubernetes = focus(await generate(user))[0]
        # when: a target date in the past
        payload = (await user.gql(ACCEPT, {"input": {"id": kubernetes["id"], "targetDate": "2001-01-01"}}))[
            "careerRecommendationAccept"
        ]
        # then
        assert payload["errors"] == [
            {"field": "targetDate", "message": "The target date cannot be in the past", "code": "OUT_OF_RANGE"}
        ]
        owner = db_id(user.user_id)
        assert (await count(Goal, owner), await count(Decision, owner)) == (0, 0)
        listed = (await user.gql(LIST))["viewer"]["careerRecommendations"]
        assert next(r for r in listed if r["id"] == kubernetes["id"])["state"] == "OPEN"

    async def test_accepting_a_declined_one_is_an_error(self, client):
        # given
        user = await kubernetes_seeker(client)
        kubernetes = focus(await generate(user))[0]
        await user.gql(DECLINE, {"input": {"id": kubernetes["id"]}})
        # when
        payload = (await user.gql(ACCEPT, {"input": {"id": kubernetes["id"]}}))["careerRecommendationAccept"]
        # then
        assert payload["recommendation"] is None and payload["goal"] is None
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "DECLINED")]
        assert await count(Goal, db_id(user.user_id)) == 0

    async def test_accepting_twice_is_an_error(self, client):
        # given
        user = await kubernetes_seeker(client)
        kubernetes = focus(await generate(user))[0]
        await user.gql(ACCEPT, {"input": {"id": kubernetes["id"]}})
        # when
        payload = (await user.gql(ACCEPT, {"input": {"id": kubernetes["id"]}}))["careerRecommendationAccept"]
        # then
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "ALREADY_ACCEPTED")]
        assert await count(Goal, db_id(user.user_id)) == 1

    async def test_another_users_recommendation_behaves_as_missing(self, client):
        # given
        owner = await kubernetes_seeker(client)
        theirs = focus(await generate(owner))[0]
        stranger = await signed_up(client)
        # when
        accepted = (await stranger.gql(ACCEPT, {"input": {"id": theirs["id"]}}))["careerRecommendationAccept"]
        declined = (await stranger.gql(DECLINE, {"input": {"id": theirs["id"]}}))["careerRecommendationDecline"]
        # then
        missing = [{"field": "id", "message": "CareerRecommendation not found", "code": "NOT_FOUND"}]
        assert accepted["errors"] == missing and declined["errors"] == missing
        assert (await stranger.gql(LIST))["viewer"]["careerRecommendations"] == []
        assert (await owner.gql(LIST))["viewer"]["careerRecommendations"][0]["state"] == "OPEN"


class TestCareerRecommendationDecline:
    async def test_keeps_the_reason_and_when(self, client):
        # given
        user = await kubernetes_seeker(client)
        kubernetes = focus(await generate(user))[0]
        # when
        payload = (await user.gql(DECLINE, {"input": {"id": kubernetes["id"], "reason": " Too busy this quarter "}}))[
            "careerRecommendationDecline"
        ]
        # then
        declined = payload["recommendation"]
        assert (declined["state"], declined["declineReason"]) == ("DECLINED", "Too busy this quarter") and declined["decidedAt"]

    async def test_a_reason_over_the_limit_is_an_error_and_nothing_changes(self, client):
        # given
        user = await kubernetes_seeker(client)
        kubernetes = focus(await generate(user))[0]
        # when
        payload = (await user.gql(DECLINE, {"input": {"id": kubernetes["id"], "reason": "x" * 1001}}))[
            "careerRecommendationDecline"
        ]
        # then
        assert payload["errors"] == [{"field": "reason", "message": "Reason must be at most 1000 characters", "code": "TOO_LONG"}]
        listed = (await user.gql(LIST, {"states": ["OPEN"]}))["viewer"]["careerRecommendations"]
        assert kubernetes["id"] in [r["id"] for r in listed]


class TestCareerRecommendationsStatementCount:
    async def test_statements_do_not_grow_with_the_list(self, client):
        # given: one user with 2 accepted recommendations, another with 8, each with its goal
        counts = {}
        for n in (2, 8):
            user = await signed_up(client)
            owner = db_id(user.user_id)
            goals = [await create_goal(user, title=f"Goal {i}", steps=["One"]) for i in range(n)]
            async with unit_of_work() as session:
                session.add_all(
                    CareerRecommendation(
                        user_id=owner,
                        type="skill_focus",
                        subject_key=f"skill_focus:s{i}",
                        facts_key="f",
                        title=f"Focus {i}",
                        time_to_complete_days=30,
                        effort="medium",
                        confidence=0.5,
                        market_relevance=0.5,
                        personal_fit=0.5,
                        scoring={"scores": [{"name": "confidence", "value": 0.5, "explanation": "test"}]},
                        state="accepted",
                        goal_id=db_id(goal["id"]),
                    )
                    for i, goal in enumerate(goals)
                )
            # when
            async with counting_statements() as statements:
                listed = (await user.gql(LIST))["viewer"]["careerRecommendations"]
            # then
            assert len(listed) == n and all(r["goal"]["steps"] == [{"title": "One"}] for r in listed)
            counts[n] = len(statements)
        assert counts[2] == counts[8], counts
