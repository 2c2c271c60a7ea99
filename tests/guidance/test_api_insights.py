"""The insights API on stored insights: lists and filters (with the derived states), the Today
selection, read / dismiss / feedback, ownership, statement counts and Notification.insight."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from api.db import unit_of_work
from api.graphql.relay import encode_id
from api.models import Notification
from tests.support.graphql import db_id, signed_up
from tests.support.insights import (
    INSIGHT_DISMISS,
    INSIGHT_FEEDBACK,
    INSIGHT_NODE,
    INSIGHT_READ,
    INSIGHTS,
    TOP_INSIGHTS,
    insight_id,
    insight_row,
    seed_insight,
)
from tests.support.statements import counting_statements

NOW = datetime.now(UTC)
PAST = NOW - timedelta(days=1)


async def titles(user, **filter) -> list[str]:
    data = await user.gql(INSIGHTS, {"first": 50, "filter": filter or None})
    return [e["node"]["title"] for e in data["viewer"]["insights"]["edges"]]


async def one_of_each_state(user_id: int) -> None:
    """new, read, acted, dismissed, expired — and two expired ones that were acted on / dismissed first."""
    await seed_insight(user_id, title="new", created_at=NOW - timedelta(hours=7))
    await seed_insight(user_id, title="read", read_at=PAST, created_at=NOW - timedelta(hours=6))
    await seed_insight(user_id, title="acted", read_at=PAST, acted_at=PAST, acted_action=0, created_at=NOW - timedelta(hours=5))
    await seed_insight(user_id, title="dismissed", dismissed_at=PAST, created_at=NOW - timedelta(hours=4))
    await seed_insight(user_id, title="expired", read_at=PAST, valid_until=PAST, created_at=NOW - timedelta(hours=3))
    await seed_insight(
        user_id, title="acted then expired", acted_at=PAST, acted_action=0, valid_until=PAST, created_at=NOW - timedelta(hours=2)
    )
    await seed_insight(
        user_id, title="dismissed then expired", dismissed_at=PAST, valid_until=PAST, created_at=NOW - timedelta(hours=1)
    )


class TestInsightsList:
    async def test_newest_first_with_evidence_actions_and_rule(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        actions = [
            {
                "label": "Move the target date to 2027-02-15",
                "kind": "set_target_date",
                "arguments": {"goal_id": 41, "target_date": "2027-02-15"},
            },
            {"label": "Break the step down", "kind": "split_step", "arguments": {"goal_id": 41, "step_id": 7}},
            {"label": "Follow up", "kind": "draft_email", "arguments": {"application_id": 3, "email_kind": "follow_up"}},
            {"label": "Open the goal", "kind": "open", "arguments": {"href": "/goals/R29hbDo0MQ=="}},
        ]
        older = await seed_insight(uid, title="older", created_at=NOW - timedelta(days=2))
        newer = await seed_insight(uid, rule="market_nudge", kind="market_nudge", title="newer", actions=actions)
        # when
        data = await user.gql(INSIGHTS, {"first": 10})
        # then
        connection = data["viewer"]["insights"]
        assert connection["totalCount"] == 2
        first, second = (e["node"] for e in connection["edges"])
        assert (first["id"], second["id"]) == (insight_id(newer), insight_id(older))
        assert first["kind"] == "MARKET_NUDGE" and first["ruleKey"] == "market_nudge" and first["ruleName"] == "Market nudge"
        assert first["state"] == "NEW" and first["rephrased"] is False
        assert first["evidence"] == [
            {"label": "Last progress", "value": "9 days ago"},
            {"label": "Your usual gap", "value": "1 day"},
        ]
        assert first["actions"] == [
            {
                "index": 0,
                "label": "Move the target date to 2027-02-15",
                "kind": "SET_TARGET_DATE",
                "href": None,
                "arguments": {"goal_id": encode_id("Goal", 41), "target_date": "2027-02-15"},
            },
            {
                "index": 1,
                "label": "Break the step down",
                "kind": "SPLIT_STEP",
                "href": None,
                "arguments": {"goal_id": encode_id("Goal", 41), "step_id": encode_id("GoalStep", 7)},
            },
            {
                "index": 2,
                "label": "Follow up",
                "kind": "DRAFT_EMAIL",
                "href": None,
                "arguments": {"application_id": encode_id("Application", 3), "email_kind": "follow_up"},
            },
            {
                "index": 3,
                "label": "Open the goal",
                "kind": "OPEN",
                "href": "/goals/R29hbDo0MQ==",
                "arguments": {"href": "/goals/R29hbDo0MQ=="},
            },
        ]

    async def test_an_insight_of_a_removed_rule_has_no_rule(self, client):
        # given
        user = await signed_up(client)
        await seed_insight(db_id(user.user_id), rule=None)
        # when
        node = (await user.gql(INSIGHTS, {"first": 10}))["viewer"]["insights"]["edges"][0]["node"]
        # then
        assert node["ruleKey"] is None and node["ruleName"] is None

    async def test_states_are_derived_with_expired_after_valid_until(self, client):
        # given
        user = await signed_up(client)
        await one_of_each_state(db_id(user.user_id))
        # when
        data = await user.gql(INSIGHTS, {"first": 50})
        # then
        states = {e["node"]["title"]: e["node"]["state"] for e in data["viewer"]["insights"]["edges"]}
        assert states == {
            "new": "NEW",
            "read": "READ",
            "acted": "ACTED",
            "dismissed": "DISMISSED",
            "expired": "EXPIRED",
            "acted then expired": "ACTED",
            "dismissed then expired": "DISMISSED",
        }

    async def test_each_state_filters_in_the_database(self, client):
        # given
        user = await signed_up(client)
        await one_of_each_state(db_id(user.user_id))
        # when
        found = {state: await titles(user, states=[state]) for state in ("NEW", "READ", "ACTED", "DISMISSED", "EXPIRED")}
        # then
        assert found == {
            "NEW": ["new"],
            "READ": ["read"],
            "ACTED": ["acted then expired", "acted"],
            "DISMISSED": ["dismissed then expired", "dismissed"],
            "EXPIRED": ["expired"],
        }

    async def test_several_states_are_any_of_them(self, client):
        # given
        user = await signed_up(client)
        await one_of_each_state(db_id(user.user_id))
        # when
        found = await titles(user, states=["NEW", "EXPIRED"])
        # then
        assert found == ["expired", "new"]

    async def test_filter_by_kinds(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await seed_insight(uid, kind="check_in", title="check-in")
        await seed_insight(uid, rule="celebration", kind="celebration", title="celebration")
        await seed_insight(uid, rule="market_nudge", kind="market_nudge", title="nudge")
        # when
        found = await titles(user, kinds=["CELEBRATION", "MARKET_NUDGE"])
        # then
        assert sorted(found) == ["celebration", "nudge"]

    async def test_min_priority_keeps_that_priority_and_above(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        for priority in ("low", "medium", "high", "urgent"):
            await seed_insight(uid, priority=priority, title=priority)
        # when
        found = await titles(user, minPriority="HIGH")
        # then
        assert sorted(found) == ["high", "urgent"]

    async def test_filters_combine(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await seed_insight(uid, priority="high", title="high new check-in")
        await seed_insight(uid, priority="high", title="high read check-in", read_at=PAST)
        await seed_insight(uid, priority="low", title="low new check-in")
        await seed_insight(uid, rule="celebration", kind="celebration", priority="high", title="high new celebration")
        # when
        found = await titles(user, kinds=["CHECK_IN"], states=["NEW"], minPriority="MEDIUM")
        # then
        assert found == ["high new check-in"]


class TestTopInsights:
    async def test_open_insights_by_priority_then_newest(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await seed_insight(uid, priority="medium", title="medium old", created_at=NOW - timedelta(days=3))
        await seed_insight(uid, priority="medium", title="medium new", created_at=NOW - timedelta(days=1))
        await seed_insight(uid, priority="urgent", title="urgent", created_at=NOW - timedelta(days=5))
        await seed_insight(uid, priority="low", title="low read", read_at=PAST)
        await seed_insight(uid, priority="high", title="high", created_at=NOW - timedelta(days=2))
        await seed_insight(uid, priority="urgent", title="urgent dismissed", dismissed_at=PAST)
        await seed_insight(uid, priority="urgent", title="urgent acted", acted_at=PAST, acted_action=0)
        await seed_insight(uid, priority="urgent", title="urgent expired", valid_until=PAST)
        # when
        top = (await user.gql(TOP_INSIGHTS, {"limit": 10}))["viewer"]["topInsights"]
        # then
        assert [i["title"] for i in top] == ["urgent", "high", "medium new", "medium old", "low read"]

    async def test_the_welcome_back_is_left_to_the_visit(self, client):
        # given an open welcome back next to an open check-in
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await seed_insight(uid, kind="welcome_back", priority="high", title="Welcome back: 9 days away")
        await seed_insight(uid, kind="check_in", priority="medium", title="quiet goal")
        # when
        top = (await user.gql(TOP_INSIGHTS, {"limit": 10}))["viewer"]["topInsights"]
        # then
        assert [i["title"] for i in top] == ["quiet goal"]

    async def test_limit_is_capped_at_20(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        for i in range(22):
            await seed_insight(uid, title=f"insight {i}")
        # when
        top = (await user.gql(TOP_INSIGHTS, {"limit": 100}))["viewer"]["topInsights"]
        few = (await user.gql(TOP_INSIGHTS, {"limit": 3}))["viewer"]["topInsights"]
        # then
        assert len(top) == 20 and len(few) == 3


class TestStatementCounts:
    async def test_insights_and_top_insights_do_not_grow_with_the_list(self, client):
        # given: 30 insights of several rules
        user = await signed_up(client)
        uid = db_id(user.user_id)
        rules = ["check_in", "market_nudge", "celebration", "follow_up_due"]
        for i in range(30):
            await seed_insight(uid, rule=rules[i % 4], title=f"insight {i}", created_at=NOW - timedelta(minutes=i))
        counts = {}
        # when
        for n in (3, 20):
            async with counting_statements() as listing:
                edges = (await user.gql(INSIGHTS, {"first": n}))["viewer"]["insights"]["edges"]
            async with counting_statements() as today:
                top = (await user.gql(TOP_INSIGHTS, {"limit": n}))["viewer"]["topInsights"]
            assert len(edges) == n and len(top) == n
            assert {e["node"]["ruleKey"] for e in edges} <= set(rules) and all(i["ruleName"] for i in top)
            counts[n] = (len(listing), len(today))
        # then
        assert counts[3] == counts[20], counts


class TestOwnership:
    async def test_another_users_insight_looks_missing_everywhere(self, client):
        # given
        owner = await signed_up(client)
        other = await signed_up(client)
        theirs = insight_id(await seed_insight(db_id(owner.user_id)))
        missing = insight_id(2**62)
        # when
        results = {}
        for name, gid in (("theirs", theirs), ("missing", missing)):
            results[name] = (
                (await other.gql(INSIGHT_NODE, {"id": gid}))["node"],
                (await other.gql(INSIGHT_READ, {"input": {"ids": [gid]}}))["insightRead"]["errors"],
                (await other.gql(INSIGHT_DISMISS, {"input": {"id": gid}}))["insightDismiss"]["errors"],
                (await other.gql(INSIGHT_FEEDBACK, {"input": {"id": gid, "verdict": "USEFUL"}}))["insightFeedback"]["errors"],
            )
        # then
        assert results["theirs"] == results["missing"]
        node, read, dismiss, feedback = results["theirs"]
        assert node is None
        assert read == [{"field": "ids", "message": "Insight not found", "code": "NOT_FOUND"}]
        assert dismiss == feedback == [{"field": "id", "message": "Insight not found", "code": "NOT_FOUND"}]
        row = await insight_row(db_id(theirs))
        assert (row.read_at, row.dismissed_at, row.verdict) == (None, None, None)

    async def test_the_owner_reads_it_by_node(self, client):
        # given
        owner = await signed_up(client)
        gid = insight_id(await seed_insight(db_id(owner.user_id)))
        # when
        node = (await owner.gql(INSIGHT_NODE, {"id": gid}))["node"]
        # then
        assert node["id"] == gid and node["kind"] == "CHECK_IN" and node["ruleKey"] == "check_in"

    async def test_another_users_insights_are_not_listed(self, client):
        # given
        owner = await signed_up(client)
        other = await signed_up(client)
        await seed_insight(db_id(owner.user_id))
        # when
        data = await other.gql(INSIGHTS, {"first": 10})
        top = (await other.gql(TOP_INSIGHTS, {"limit": 5}))["viewer"]["topInsights"]
        # then
        assert data["viewer"]["insights"]["totalCount"] == 0 and top == []


class TestInsightRead:
    async def test_marks_read_and_keeps_an_earlier_read_time(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        fresh = insight_id(await seed_insight(uid, title="fresh"))
        earlier = NOW - timedelta(days=3)
        seen = insight_id(await seed_insight(uid, title="seen", read_at=earlier))
        # when
        payload = (await user.gql(INSIGHT_READ, {"input": {"ids": [seen, fresh]}}))["insightRead"]
        # then
        assert payload["errors"] == []
        assert [(i["title"], i["state"]) for i in payload["insights"]] == [("seen", "READ"), ("fresh", "READ")]
        assert datetime.fromisoformat(payload["insights"][0]["readAt"]) == earlier

    async def test_one_foreign_id_marks_nothing(self, client):
        # given
        user = await signed_up(client)
        other = await signed_up(client)
        mine = await seed_insight(db_id(user.user_id))
        theirs = await seed_insight(db_id(other.user_id))
        # when
        payload = (await user.gql(INSIGHT_READ, {"input": {"ids": [insight_id(mine), insight_id(theirs)]}}))["insightRead"]
        # then
        assert payload["errors"] == [{"field": "ids", "message": "Insight not found", "code": "NOT_FOUND"}]
        assert (await insight_row(mine)).read_at is None

    async def test_an_id_of_another_type_is_not_found(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(INSIGHT_READ, {"input": {"ids": [encode_id("Goal", 1)]}}))["insightRead"]
        # then
        assert payload["errors"] == [{"field": "ids", "message": "Insight not found", "code": "NOT_FOUND"}]


class TestInsightDismiss:
    async def test_an_expired_insight_may_be_dismissed(self, client):
        # given
        user = await signed_up(client)
        gid = insight_id(await seed_insight(db_id(user.user_id), valid_until=PAST))
        # when
        payload = (await user.gql(INSIGHT_DISMISS, {"input": {"id": gid}}))["insightDismiss"]
        # then
        assert payload["errors"] == []
        assert payload["insight"]["state"] == "DISMISSED" and payload["insight"]["dismissedAt"]

    async def test_dismissing_twice_is_an_error(self, client):
        # given
        user = await signed_up(client)
        db = await seed_insight(db_id(user.user_id), dismissed_at=PAST)
        # when
        payload = (await user.gql(INSIGHT_DISMISS, {"input": {"id": insight_id(db)}}))["insightDismiss"]
        # then
        assert payload["insight"] is None
        assert payload["errors"] == [{"field": "id", "message": "This insight is already dismissed", "code": "ALREADY_DISMISSED"}]
        assert (await insight_row(db)).dismissed_at == PAST


class TestInsightFeedback:
    async def test_the_verdict_is_stored_and_may_change(self, client):
        # given
        user = await signed_up(client)
        db = await seed_insight(db_id(user.user_id))
        await user.gql(INSIGHT_FEEDBACK, {"input": {"id": insight_id(db), "verdict": "USEFUL"}})
        # when
        payload = (await user.gql(INSIGHT_FEEDBACK, {"input": {"id": insight_id(db), "verdict": "NOT_USEFUL"}}))[
            "insightFeedback"
        ]
        # then
        assert payload["errors"] == [] and payload["insight"]["verdict"] == "NOT_USEFUL"
        row = await insight_row(db)
        assert row.verdict == "not_useful" and row.verdict_at is not None


NOTIFICATIONS = """
query Notifications { notifications(first: 10) { edges { node { kind title insight { id title priority state } } } } }
"""


class TestNotificationInsight:
    async def test_an_insight_notification_points_at_its_insight(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        db = await seed_insight(uid, priority="high", title="Follow up with Acme")
        async with unit_of_work() as session:
            session.add(
                Notification(user_id=uid, kind="insight", title="Follow up with Acme", insight_id=db, dedupe_key=f"insight:{db}")
            )
            session.add(Notification(user_id=uid, kind="job_match", title="A strong match", dedupe_key=f"test-match:{db}"))
        # when
        edges = (await user.gql(NOTIFICATIONS))["notifications"]["edges"]
        # then
        by_kind = {e["node"]["kind"]: e["node"]["insight"] for e in edges}
        assert by_kind == {
            "insight": {"id": insight_id(db), "title": "Follow up with Acme", "priority": "HIGH", "state": "NEW"},
            "job_match": None,
        }
