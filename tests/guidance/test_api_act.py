"""insightAct: each action kind really changes what it says, together with marking the insight acted
on; expired, dismissed, already acted, out-of-range and stale actions are payload errors and
nothing is written."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from api.graphql.relay import encode_id
from tests.support.career import ADAPT, GOAL_UPDATE, STEP_TOGGLE, create_goal, decisions, goals
from tests.support.documents import document
from tests.support.graphql import db_id, signed_up
from tests.support.insights import INSIGHT_ACT, check_in_actions, insight_id, insight_row, seed_insight
from tests.support.jobs import create_application, create_job

PAST = datetime.now(UTC) - timedelta(days=1)
NEW_TARGET = (date.today() + timedelta(days=90)).isoformat()


async def act(user, db: int, action: int) -> dict:
    return (await user.gql(INSIGHT_ACT, {"input": {"id": insight_id(db), "action": action}}))["insightAct"]


async def goal_of(user, gid: str) -> dict:
    return next(g for g in await goals(user) if g["id"] == gid)


async def quiet_goal(user) -> tuple[dict, int]:
    """A goal with steps Read (done), Deploy, Ship and a check-in about it."""
    goal = await create_goal(user, title="Kubernetes", steps=["Read", "Deploy", "Ship"])
    await user.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][0]["id"]}})
    actions = check_in_actions(db_id(goal["id"]), db_id(goal["steps"][1]["id"]), NEW_TARGET)
    return goal, await seed_insight(db_id(user.user_id), actions=actions)


def single(kind: str, **arguments) -> list[dict]:
    return [{"label": kind.replace("_", " "), "kind": kind, "arguments": arguments}]


class TestOpen:
    async def test_returns_the_path_and_marks_the_insight_acted(self, client):
        # given
        user = await signed_up(client)
        goal, db = await quiet_goal(user)
        # when
        payload = await act(user, db, 2)
        # then
        assert payload["errors"] == []
        assert payload["href"] == f"/goals/{goal['id']}" and payload["goal"] is None
        insight = payload["insight"]
        assert insight["state"] == "ACTED" and insight["actedAction"] == 2 and insight["actedAt"] and insight["readAt"]

    async def test_may_be_followed_again_after_acting(self, client):
        # given
        user = await signed_up(client)
        goal, db = await quiet_goal(user)
        first = await act(user, db, 2)
        # when
        again = await act(user, db, 2)
        # then
        assert again["errors"] == [] and again["href"] == f"/goals/{goal['id']}"
        assert again["insight"]["actedAt"] == first["insight"]["actedAt"] and again["insight"]["actedAction"] == 2


class TestSetTargetDate:
    async def test_moves_the_goals_target_date(self, client):
        # given
        user = await signed_up(client)
        goal, db = await quiet_goal(user)
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == []
        assert payload["goal"]["id"] == goal["id"] and payload["goal"]["targetDate"] == NEW_TARGET
        assert (await goal_of(user, goal["id"]))["targetDate"] == NEW_TARGET
        assert payload["insight"]["state"] == "ACTED" and payload["insight"]["actedAction"] == 0


class TestSplitStep:
    async def test_the_open_step_becomes_two_in_its_place(self, client):
        # given: Read done, Deploy open, Ship open: 33%
        user = await signed_up(client)
        goal, db = await quiet_goal(user)
        # when
        payload = await act(user, db, 1)
        # then: Read done, Deploy part 1, Deploy part 2, Ship: 25%
        assert payload["errors"] == []
        stored = await goal_of(user, goal["id"])
        assert [(s["title"], s["position"], s["done"]) for s in stored["steps"]] == [
            ("Read", 0, True),
            ("Deploy — part 1", 1, False),
            ("Deploy — part 2", 2, False),
            ("Ship", 3, False),
        ]
        assert stored["steps"][1]["id"] == goal["steps"][1]["id"]
        assert stored["progress"] == 25 and payload["goal"]["progress"] == 25

    async def test_a_done_step_is_not_split(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, title="Kubernetes", steps=["Read", "Deploy"])
        await user.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][0]["id"]}})
        db = await seed_insight(
            db_id(user.user_id), actions=single("split_step", goal_id=db_id(goal["id"]), step_id=db_id(goal["steps"][0]["id"]))
        )
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == [
            {
                "field": "action",
                "message": "That step is already done; only an open step can be split",
                "code": "INVALID_TRANSITION",
            }
        ]
        assert len((await goal_of(user, goal["id"]))["steps"]) == 2
        assert (await insight_row(db)).acted_at is None


class TestAdaptGoal:
    async def test_applies_the_goals_adaptation(self, client):
        # given: a goal past its target date with no progress: the adaptation extends the date
        user = await signed_up(client)
        goal = await create_goal(user, title="CKA", steps=["Read", "Labs"])
        await user.gql(GOAL_UPDATE, {"input": {"id": goal["id"], "targetDate": (date.today() - timedelta(days=3)).isoformat()}})
        suggestion = (await user.gql(ADAPT, {"input": {"id": goal["id"]}}))["goalDifficultyAdapt"]["adaptation"]
        assert suggestion["kind"] == "EXTEND_DATE"
        db = await seed_insight(
            db_id(user.user_id), rule="deadline_at_risk", kind="warning", actions=single("adapt_goal", goal_id=db_id(goal["id"]))
        )
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == []
        stored = await goal_of(user, goal["id"])
        assert stored["targetDate"] == suggestion["suggestedTargetDate"] > date.today().isoformat()
        assert stored["difficulty"] == suggestion["suggestedDifficulty"]
        assert [s["title"] for s in stored["steps"]] == suggestion["suggestedSteps"]
        assert payload["insight"]["state"] == "ACTED"

    async def test_nothing_to_adapt_is_an_error(self, client):
        # given: a fresh goal on track: the adaptation is to keep it
        user = await signed_up(client)
        goal = await create_goal(user, title="CKA", steps=["Read", "Labs"], targetDate=NEW_TARGET)
        db = await seed_insight(db_id(user.user_id), actions=single("adapt_goal", goal_id=db_id(goal["id"])))
        # when
        payload = await act(user, db, 0)
        # then
        assert len(payload["errors"]) == 1
        error = payload["errors"][0]
        assert (
            error["field"] == "action"
            and error["code"] == "INVALID_TRANSITION"
            and error["message"].startswith("Nothing to adapt now")
        )
        assert (await goal_of(user, goal["id"]))["targetDate"] == NEW_TARGET
        assert (await insight_row(db)).acted_at is None


class TestPauseGoal:
    async def test_pauses_an_active_goal(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, title="CKA")
        db = await seed_insight(
            db_id(user.user_id), rule="pacing_wellbeing", actions=single("pause_goal", goal_id=db_id(goal["id"]))
        )
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == [] and payload["goal"]["status"] == "PAUSED"
        assert (await goal_of(user, goal["id"]))["status"] == "PAUSED"

    async def test_a_completed_goal_is_not_paused(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, title="CKA")
        await user.gql(GOAL_UPDATE, {"input": {"id": goal["id"], "status": "COMPLETED"}})
        db = await seed_insight(db_id(user.user_id), actions=single("pause_goal", goal_id=db_id(goal["id"])))
        # when
        payload = await act(user, db, 0)
        # then
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("action", "INVALID_TRANSITION")]
        assert (await goal_of(user, goal["id"]))["status"] == "COMPLETED"


class TestCreateGoal:
    async def test_creates_the_goal_and_its_goal_set_decision(self, client):
        # given: the celebration's follow-up goal
        user = await signed_up(client)
        actions = single(
            "create_goal",
            title="Prepare for interviews",
            why="You completed CKA; platform roles interview on Kubernetes",
            target_date=NEW_TARGET,
            steps=["Review the CKA topics", "Two mock interviews"],
        )
        db = await seed_insight(db_id(user.user_id), rule="celebration", kind="celebration", priority="high", actions=actions)
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == []
        goal = payload["goal"]
        assert (goal["title"], goal["targetDate"], goal["status"]) == ("Prepare for interviews", NEW_TARGET, "ACTIVE")
        assert [s["title"] for s in goal["steps"]] == ["Review the CKA topics", "Two mock interviews"]
        recorded = await decisions(user)
        assert [(d["kind"], d["goal"]["id"]) for d in recorded] == [("GOAL_SET", goal["id"])]
        assert recorded[0]["context"] == "You completed CKA; platform roles interview on Kubernetes"

    async def test_a_past_target_date_is_an_error_and_creates_nothing(self, client):
        # given: the insight was written long ago with a date now past
        user = await signed_up(client)
        actions = single("create_goal", title="Prepare for interviews", why="", target_date="2020-01-01", steps=[])
        db = await seed_insight(db_id(user.user_id), actions=actions)
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == [
            {"field": "action", "message": "The target date cannot be in the past", "code": "OUT_OF_RANGE"}
        ]
        assert await goals(user) == [] and await decisions(user) == []
        assert (await insight_row(db)).acted_at is None


class TestDraftEmail:
    async def test_drafts_the_follow_up_email_for_the_applications_job(self, client):
        # given
        user = await signed_up(client)
        job_id = await create_job(user, company="Acme", title="Platform Engineer")
        application = (await create_application(user, job_id, status="APPLIED"))["application"]
        actions = single("draft_email", application_id=db_id(application["id"]), email_kind="follow_up")
        db = await seed_insight(db_id(user.user_id), rule="follow_up_due", kind="opportunity", actions=actions)
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == []
        drafted = payload["document"]
        assert drafted["kind"] == "EMAIL_FOLLOW_UP" and drafted["job"]["id"] == job_id
        assert payload["href"] == f"/documents/{drafted['id']}"
        assert (await document(user, drafted["id"]))["kind"] == "EMAIL_FOLLOW_UP"

    async def test_another_users_application_is_a_stale_reference(self, client):
        # given
        user = await signed_up(client)
        other = await signed_up(client)
        application = (await create_application(other, await create_job(other), status="APPLIED"))["application"]
        actions = single("draft_email", application_id=db_id(application["id"]), email_kind="follow_up")
        db = await seed_insight(db_id(user.user_id), actions=actions)
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == [
            {"field": "action", "message": "The application this suggestion is about no longer exists", "code": "NOT_FOUND"}
        ]
        assert payload["document"] is None and (await insight_row(db)).acted_at is None


class TestRefusals:
    async def test_an_expired_insight_is_not_acted_on(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, title="Kubernetes", steps=["Read", "Deploy"])
        actions = check_in_actions(db_id(goal["id"]), db_id(goal["steps"][1]["id"]), NEW_TARGET)
        db = await seed_insight(db_id(user.user_id), actions=actions, valid_until=PAST)
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == [
            {"field": "id", "message": "This insight has expired; its suggestion may no longer fit", "code": "EXPIRED"}
        ]
        assert (await goal_of(user, goal["id"]))["targetDate"] is None
        row = await insight_row(db)
        assert (row.acted_at, row.acted_action) == (None, None)

    async def test_a_dismissed_insight_is_not_acted_on(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, title="Kubernetes", steps=["Read", "Deploy"])
        actions = check_in_actions(db_id(goal["id"]), db_id(goal["steps"][1]["id"]), NEW_TARGET)
        db = await seed_insight(db_id(user.user_id), actions=actions, dismissed_at=PAST)
        # when
        payload = await act(user, db, 1)
        # then
        assert payload["errors"] == [
            {"field": "id", "message": "This insight was dismissed; it can no longer be acted on", "code": "DISMISSED"}
        ]
        assert len((await goal_of(user, goal["id"]))["steps"]) == 2
        assert (await insight_row(db)).acted_at is None

    async def test_an_action_runs_once(self, client):
        # given
        user = await signed_up(client)
        goal, db = await quiet_goal(user)
        await act(user, db, 1)
        # when
        payload = await act(user, db, 1)
        # then
        assert payload["errors"] == [{"field": "id", "message": "This insight was already acted on", "code": "ALREADY_ACTED"}]
        assert len((await goal_of(user, goal["id"]))["steps"]) == 4

    async def test_an_action_out_of_range(self, client):
        # given
        user = await signed_up(client)
        _, db = await quiet_goal(user)
        # when
        payloads = [await act(user, db, index) for index in (3, -1)]
        # then
        for payload in payloads:
            assert payload["errors"] == [
                {"field": "action", "message": "This insight has 3 actions; choose 0 to 2", "code": "OUT_OF_RANGE"}
            ]
        assert (await insight_row(db)).acted_at is None

    async def test_a_deleted_goal_is_a_stale_reference(self, client):
        # given: the insight points at a goal id that no longer exists
        user = await signed_up(client)
        db = await seed_insight(db_id(user.user_id), actions=single("set_target_date", goal_id=2**62, target_date=NEW_TARGET))
        # when
        payload = await act(user, db, 0)
        # then
        assert payload["errors"] == [
            {"field": "action", "message": "The goal this suggestion is about no longer exists", "code": "NOT_FOUND"}
        ]
        assert (await insight_row(db)).acted_at is None

    async def test_another_users_insight_is_not_found(self, client):
        # given
        owner = await signed_up(client)
        other = await signed_up(client)
        _, db = await quiet_goal(owner)
        # when
        payload = await act(other, db, 0)
        # then
        assert payload["errors"] == [{"field": "id", "message": "Insight not found", "code": "NOT_FOUND"}]
        assert (await insight_row(db)).acted_at is None

    async def test_another_type_of_id_is_not_found(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(INSIGHT_ACT, {"input": {"id": encode_id("Goal", 1), "action": 0}}))["insightAct"]
        # then
        assert payload["errors"] == [{"field": "id", "message": "Insight not found", "code": "NOT_FOUND"}]
