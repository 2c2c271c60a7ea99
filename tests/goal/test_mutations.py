from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.support.career import (
    ADAPT,
    CONTEXT_UPDATE,
    ENTRIES,
    GOAL_CREATE,
    GOAL_UPDATE,
    GOALS,
    JOURNEY_UPDATE,
    PROGRESS_LOG,
    SNAPSHOT_TAKE,
    STEP_TOGGLE,
    SUGGESTION_ACCEPT,
    SUGGESTIONS,
    create_goal,
    decisions,
    goals,
    record_decision,
)
from tests.support.graphql import signed_up

IN_A_MONTH = (date.today() + timedelta(days=30)).isoformat()


class TestGoalCreate:
    async def test_creates_an_active_goal_with_ordered_steps(self, client):
        # given
        user = await signed_up(client)
        # when
        goal = await create_goal(
            user,
            why="Systems roles",
            targetDate=IN_A_MONTH,
            difficulty="HARD",
            learningFormat="HANDS_ON",
            steps=["Read the book", " Build a CLI ", "Ship it"],
        )
        # then
        assert goal["status"] == "ACTIVE" and goal["progress"] == 0 and goal["difficulty"] == "HARD"
        assert [(s["title"], s["position"], s["done"]) for s in goal["steps"]] == [
            ("Read the book", 0, False),
            ("Build a CLI", 1, False),
            ("Ship it", 2, False),
        ]
        assert goal["learningFormat"] == "HANDS_ON" and goal["targetDate"] == IN_A_MONTH


class TestGoalStepToggle:
    async def test_ticking_steps_derives_progress_and_logs_it(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, steps=["One", "Two", "Three", "Four"])
        # when
        first = (await user.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][0]["id"]}}))["goalStepToggle"]
        # then
        assert first["errors"] == []
        assert first["step"]["done"] and first["step"]["doneAt"]
        assert first["goal"]["progress"] == 25 and first["entry"]["amount"] == 25

    async def test_unticking_lowers_progress_without_a_log_entry(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, steps=["One", "Two"])
        await user.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][0]["id"]}})
        # when
        payload = (await user.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][0]["id"], "done": False}}))["goalStepToggle"]
        entries = (await user.gql(ENTRIES, {"goalId": goal["id"]}))["viewer"]["goalProgressEntries"]
        # then
        assert payload["goal"]["progress"] == 0 and payload["entry"] is None
        assert entries["totalCount"] == 1

    async def test_the_last_step_completes_the_goal(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, steps=["One", "Two"])
        await user.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][0]["id"]}})
        # when
        payload = (await user.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][1]["id"], "done": True}}))["goalStepToggle"]
        # then
        assert payload["goal"]["progress"] == 100
        assert payload["goal"]["status"] == "COMPLETED" and payload["goal"]["completedOn"]


class TestGoalProgressLog:
    async def test_points_minutes_format_and_mood_are_logged(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, learningFormat="READING")
        # when
        payload = (
            await user.gql(
                PROGRESS_LOG,
                {
                    "input": {
                        "goalId": goal["id"],
                        "amount": 30,
                        "minutes": 45,
                        "note": "Chapter 3",
                        "mood": 4,
                        "energy": 3,
                    }
                },
            )
        )["goalProgressLog"]
        # then
        assert payload["errors"] == []
        assert payload["goal"]["progress"] == 30
        entry = payload["entry"]
        assert (entry["amount"], entry["minutes"], entry["note"], entry["mood"], entry["energy"]) == (
            30,
            45,
            "Chapter 3",
            4,
            3,
        )
        assert entry["learningFormat"] == "READING"  # the goal's format when none is given

    async def test_a_step_finished_in_the_session_is_ticked(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, steps=["One", "Two"])
        # when
        payload = (
            await user.gql(
                PROGRESS_LOG,
                {
                    "input": {
                        "goalId": goal["id"],
                        "stepId": goal["steps"][1]["id"],
                        "minutes": 25,
                        "learningFormat": "VIDEO",
                    }
                },
            )
        )["goalProgressLog"]
        # then
        assert payload["errors"] == []
        assert payload["goal"]["progress"] == 50 and payload["entry"]["amount"] == 50
        assert payload["entry"]["step"]["title"] == "Two"

    async def test_reaching_100_completes_and_the_streak_counts_today(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user)
        await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "amount": 60}})
        # when
        payload = (await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "amount": 40}}))["goalProgressLog"]
        data = (await user.gql(GOALS, {"first": 10}))["viewer"]
        # then
        assert payload["goal"]["status"] == "COMPLETED" and payload["goal"]["progress"] == 100
        node = data["goals"]["edges"][0]["node"]
        assert [e["amount"] for e in node["recentProgress"]] == [40, 60]
        assert node["streak"]["current"] == 1 and data["progressStreak"]["current"] == 1

    async def test_backdated_entries_make_a_streak(self, client):
        # given a goal logged today and yesterday (backdating is allowed, but not before the goal)
        user = await signed_up(client)
        goal = await create_goal(user)
        now = datetime.now(UTC)
        # when
        first = (
            await user.gql(
                PROGRESS_LOG,
                {"input": {"goalId": goal["id"], "minutes": 20, "loggedAt": (now - timedelta(days=1)).isoformat()}},
            )
        )["goalProgressLog"]
        await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "minutes": 20}})
        # then: the goal was created today, so yesterday is refused
        assert first["errors"][0]["field"] == "loggedAt"
        assert (await user.gql(GOALS, {"first": 1}))["viewer"]["progressStreak"]["current"] == 1


class TestGoalUpdate:
    async def test_open_steps_are_replaced_and_done_steps_kept(self, client):
        # given a goal with one of three steps done
        user = await signed_up(client)
        goal = await create_goal(user, steps=["One", "Two", "Three"])
        await user.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][0]["id"]}})
        # when
        payload = (await user.gql(GOAL_UPDATE, {"input": {"id": goal["id"], "openSteps": ["Three", "Four", "Five"]}}))[
            "goalUpdate"
        ]
        # then
        steps = payload["goal"]["steps"]
        assert [(s["title"], s["done"]) for s in steps] == [
            ("One", True),
            ("Three", False),
            ("Four", False),
            ("Five", False),
        ]
        assert steps[1]["id"] == goal["steps"][2]["id"]  # kept, not recreated
        assert payload["goal"]["progress"] == 25

    async def test_abandoning_stamps_the_date_and_blocks_logging(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user)
        # when
        payload = (await user.gql(GOAL_UPDATE, {"input": {"id": goal["id"], "status": "ABANDONED"}}))["goalUpdate"]
        log = (await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "amount": 5}}))["goalProgressLog"]
        # then
        assert payload["goal"]["status"] == "ABANDONED" and payload["goal"]["abandonedOn"] == payload["goal"]["startedOn"]
        assert log["errors"] == [
            {
                "field": "goalId",
                "message": "This goal is abandoned; reopen it to log progress",
                "code": "INVALID_TRANSITION",
            }
        ]

    async def test_progress_is_set_directly_on_goals_without_steps(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user)
        # when
        payload = (await user.gql(GOAL_UPDATE, {"input": {"id": goal["id"], "progress": 70, "title": "Learn Rust well"}}))[
            "goalUpdate"
        ]
        # then
        assert payload["goal"]["progress"] == 70 and payload["goal"]["title"] == "Learn Rust well"


class TestGoalSuggestions:
    async def test_suggestions_fit_the_context_and_say_why(self, client):
        # given a Software Engineer with 5 h/week, aiming at Senior, with a testing gap
        user = await signed_up(client)
        await user.gql(
            JOURNEY_UPDATE,
            {
                "input": {
                    "currentRole": "Software Engineer",
                    "careerStage": "MID",
                    "targetRole": "Senior Software Engineer",
                }
            },
        )
        await user.gql(CONTEXT_UPDATE, {"input": {"hoursPerWeek": 5, "learningPreferences": ["READING"], "stressLevel": 2}})
        await user.gql(
            SNAPSHOT_TAKE,
            {
                "input": {
                    "skills": [
                        {"skill": "programming", "proficiency": 0.8},
                        {"skill": "testing", "proficiency": 0.3},
                    ]
                }
            },
        )
        # when
        payload = (await user.gql(SUGGESTIONS, {"input": {"limit": 2}}))["goalSuggestionsGenerate"]
        # then
        assert payload["errors"] == []
        suggestions = payload["suggestions"]
        assert len(suggestions) == 2
        assert all("5 h/week" in s["why"] for s in suggestions)
        assert all(s["learningFormat"] == "READING" and s["weeks"] == 4 for s in suggestions)
        assert any("vs" in s["why"] and "expected for Senior Software Engineer" in s["why"] for s in suggestions)

    async def test_accepting_creates_the_goal_and_a_goal_set_decision(self, client):
        # given
        user = await signed_up(client)
        suggestion = (await user.gql(SUGGESTIONS, {}))["goalSuggestionsGenerate"]["suggestions"][0]
        accept = {k: suggestion[k] for k in ("title", "why", "difficulty", "targetDate", "learningFormat", "steps")}
        # when
        payload = (await user.gql(SUGGESTION_ACCEPT, {"input": accept}))["goalSuggestionAccept"]
        # then
        assert payload["errors"] == []
        assert payload["goal"]["title"] == suggestion["title"]
        assert [s["title"] for s in payload["goal"]["steps"]] == suggestion["steps"]
        decision = payload["decision"]
        assert decision["kind"] == "GOAL_SET" and decision["goal"]["id"] == payload["goal"]["id"]
        assert decision["context"] == suggestion["why"]
        assert [d["id"] for d in await decisions(user)] == [decision["id"]]


class TestGoalDifficultyAdapt:
    async def test_low_capacity_suggests_a_smaller_scope_that_goal_update_applies(self, client):
        # given 1 h/week and a medium goal with four open steps
        user = await signed_up(client)
        await user.gql(CONTEXT_UPDATE, {"input": {"hoursPerWeek": 1}})
        goal = await create_goal(user, targetDate=IN_A_MONTH, steps=["A", "B", "C", "D"])
        # when
        adaptation = (await user.gql(ADAPT, {"input": {"id": goal["id"]}}))["goalDifficultyAdapt"]["adaptation"]
        applied = (
            await user.gql(
                GOAL_UPDATE,
                {
                    "input": {
                        "id": goal["id"],
                        "openSteps": adaptation["suggestedSteps"],
                        "targetDate": adaptation["suggestedTargetDate"],
                        "difficulty": adaptation["suggestedDifficulty"],
                    }
                },
            )
        )["goalUpdate"]
        # then
        assert adaptation["kind"] == "REDUCE_SCOPE" and adaptation["signals"] == ["low_hours"]
        assert adaptation["suggestedSteps"] == ["A", "B"] and adaptation["suggestedDifficulty"] == "EASY"
        assert adaptation["why"].startswith("You have 1 h/week")
        assert [s["title"] for s in applied["goal"]["steps"]] == ["A", "B"] and applied["goal"]["difficulty"] == "EASY"

    async def test_an_on_track_goal_is_kept(self, client):
        # given
        user = await signed_up(client)
        goal = await create_goal(user, targetDate=IN_A_MONTH)
        # when
        adaptation = (await user.gql(ADAPT, {"input": {"id": goal["id"]}}))["goalDifficultyAdapt"]["adaptation"]
        # then
        assert adaptation["kind"] == "KEEP" and adaptation["suggestedDifficulty"] == "MEDIUM"


class TestBadInput:
    """Each: a clear payload error, and nothing written."""

    async def test_target_date_in_the_past_on_creation(self, client):
        user = await signed_up(client)
        yesterday = (date.today() - timedelta(days=2)).isoformat()
        payload = (await user.gql(GOAL_CREATE, {"input": {"title": "Late", "targetDate": yesterday}}))["goalCreate"]
        assert payload["goal"] is None
        assert payload["errors"] == [
            {"field": "targetDate", "message": "The target date cannot be in the past", "code": "OUT_OF_RANGE"}
        ]
        assert await goals(user) == []

    async def test_empty_title(self, client):
        user = await signed_up(client)
        payload = (await user.gql(GOAL_CREATE, {"input": {"title": "   "}}))["goalCreate"]
        assert payload["errors"] == [{"field": "title", "message": "Title is required", "code": "REQUIRED"}]
        assert await goals(user) == []

    async def test_empty_step_title(self, client):
        user = await signed_up(client)
        payload = (await user.gql(GOAL_CREATE, {"input": {"title": "Fine", "steps": ["One", " "]}}))["goalCreate"]
        assert payload["errors"] == [{"field": "steps", "message": "Step titles cannot be empty", "code": "REQUIRED"}]
        assert await goals(user) == []

    async def test_logged_progress_over_100(self, client):
        user = await signed_up(client)
        goal = await create_goal(user)
        await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "amount": 80}})
        payload = (await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "amount": 30}}))["goalProgressLog"]
        assert payload["errors"] == [
            {
                "field": "amount",
                "message": "Progress would reach 110%; at most 20 more points fit",
                "code": "OUT_OF_RANGE",
            }
        ]
        node = (await goals(user))[0]
        assert node["progress"] == 80 and len(node["recentProgress"]) == 1

    async def test_an_amount_over_100(self, client):
        user = await signed_up(client)
        goal = await create_goal(user)
        payload = (await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "amount": 101}}))["goalProgressLog"]
        assert payload["errors"] == [
            {"field": "amount", "message": "Progress must be between 0 and 100 points", "code": "OUT_OF_RANGE"}
        ]
        assert (await goals(user))[0]["recentProgress"] == []

    async def test_progress_set_over_100(self, client):
        user = await signed_up(client)
        goal = await create_goal(user)
        payload = (await user.gql(GOAL_UPDATE, {"input": {"id": goal["id"], "progress": 101}}))["goalUpdate"]
        assert payload["errors"] == [
            {"field": "progress", "message": "Progress must be between 0 and 100", "code": "OUT_OF_RANGE"}
        ]
        assert (await goals(user))[0]["progress"] == 0

    async def test_mood_and_energy_outside_1_to_5(self, client):
        user = await signed_up(client)
        goal = await create_goal(user)
        payload = (await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "minutes": 10, "mood": 0, "energy": 6}}))[
            "goalProgressLog"
        ]
        assert {(e["field"], e["code"]) for e in payload["errors"]} == {
            ("mood", "OUT_OF_RANGE"),
            ("energy", "OUT_OF_RANGE"),
        }
        assert (await goals(user))[0]["recentProgress"] == []

    async def test_another_users_goal_is_the_same_as_a_missing_one(self, client):
        owner, other = await signed_up(client), await signed_up(client)
        goal = await create_goal(owner, steps=["One"])
        theirs = (await other.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "amount": 10}}))["goalProgressLog"]
        missing = (await other.gql(PROGRESS_LOG, {"input": {"goalId": "R29hbDo5OTk5OTk5OTk=", "amount": 10}}))["goalProgressLog"]
        update = (await other.gql(GOAL_UPDATE, {"input": {"id": goal["id"], "title": "Hijacked"}}))["goalUpdate"]
        step = (await other.gql(STEP_TOGGLE, {"input": {"id": goal["steps"][0]["id"]}}))["goalStepToggle"]
        adapt = (await other.gql(ADAPT, {"input": {"id": goal["id"]}}))["goalDifficultyAdapt"]
        assert theirs["errors"] == missing["errors"] == [{"field": "goalId", "message": "Goal not found", "code": "NOT_FOUND"}]
        assert update["errors"] == adapt["errors"] == [{"field": "id", "message": "Goal not found", "code": "NOT_FOUND"}]
        assert step["errors"] == [{"field": "id", "message": "GoalStep not found", "code": "NOT_FOUND"}]
        mine = (await goals(owner))[0]
        assert mine["title"] == "Learn Rust" and mine["recentProgress"] == [] and not mine["steps"][0]["done"]

    async def test_an_id_of_another_type(self, client):
        user = await signed_up(client)
        decision = await record_decision(user)
        payload = (await user.gql(PROGRESS_LOG, {"input": {"goalId": decision["id"], "amount": 10}}))["goalProgressLog"]
        toggle = (await user.gql(STEP_TOGGLE, {"input": {"id": decision["id"]}}))["goalStepToggle"]
        assert payload["errors"] == [{"field": "goalId", "message": "Goal not found", "code": "NOT_FOUND"}]
        assert toggle["errors"] == [{"field": "id", "message": "GoalStep not found", "code": "NOT_FOUND"}]
