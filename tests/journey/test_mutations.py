"""The career memory over HTTP: journey, context, decisions, milestones, skill snapshots."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.support.career import (
    CONTEXT_UPDATE,
    DECISION_OUTCOME,
    DECISION_RECORD,
    JOURNEY_UPDATE,
    LEARNING_PATTERNS,
    MILESTONE_ADD,
    NODE,
    PROGRESS_LOG,
    SNAPSHOT_TAKE,
    SNAPSHOT_UPDATE,
    VIEWER_JOURNEY,
    create_goal,
    decisions,
    record_decision,
)
from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE
from tests.support.waiting import eventually


async def viewer(user) -> dict:
    return (await user.gql(VIEWER_JOURNEY))["viewer"]


class TestJourneyUpdate:
    async def test_sets_role_stage_and_target(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (
            await user.gql(
                JOURNEY_UPDATE,
                {
                    "input": {
                        "currentRole": " Software Engineer ",
                        "currentCompany": "Acme",
                        "careerStage": "MID",
                        "targetRole": "Senior Software Engineer",
                        "roleStartedOn": "2023-06-30",
                    }
                },
            )
        )["journeyUpdate"]
        # then
        assert payload["errors"] == []
        journey = (await viewer(user))["journey"]
        assert journey == {**payload["journey"], "computedAt": journey["computedAt"]}
        assert (journey["currentRole"], journey["careerStage"], journey["roleStartedOn"]) == (
            "Software Engineer",
            "MID",
            "2023-06-30",
        )

    async def test_a_new_user_has_no_journey_yet(self, client):
        # given
        user = await signed_up(client)
        # when
        data = await viewer(user)
        # then
        assert data["journey"] is None and data["careerContext"] is None
        assert data["decisions"]["totalCount"] == 0


class TestCareerContextUpdate:
    async def test_saves_the_context_as_todays_assessment(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (
            await user.gql(
                CONTEXT_UPDATE,
                {
                    "input": {
                        "currentSituation": "Backend engineer, small team",
                        "longTermVision": "Staff engineer",
                        "learningPreferences": ["HANDS_ON", "READING", "HANDS_ON"],
                        "hoursPerWeek": 4.5,
                        "budget": 0,
                        "commitments": ["Two kids", " "],
                        "stressFactors": ["on-call"],
                        "stressLevel": 3,
                    }
                },
            )
        )["careerContextUpdate"]
        # then
        assert payload["errors"] == []
        context = payload["careerContext"]
        assert context["learningPreferences"] == ["HANDS_ON", "READING"]
        assert context["commitments"] == ["Two kids"] and context["budget"] == 0
        assert context["lastAssessedOn"] == datetime.now(UTC).date().isoformat()  # the default time zone is UTC
        assert (await viewer(user))["careerContext"]["hoursPerWeek"] == 4.5

    async def test_only_given_fields_change(self, client):
        # given
        user = await signed_up(client)
        await user.gql(CONTEXT_UPDATE, {"input": {"hoursPerWeek": 6, "stressLevel": 2}})
        # when
        payload = (await user.gql(CONTEXT_UPDATE, {"input": {"stressLevel": 4}}))["careerContextUpdate"]
        # then
        assert (payload["careerContext"]["hoursPerWeek"], payload["careerContext"]["stressLevel"]) == (6, 4)


class TestDecisions:
    async def test_record_now_and_the_outcome_later(self, client):
        # given
        user = await signed_up(client)
        decision = await record_decision(user, kind="JOB_OFFER", choice="Stay at Acme", context="Counter-offer")
        # when
        payload = (
            await user.gql(
                DECISION_OUTCOME,
                {
                    "input": {
                        "id": decision["id"],
                        "outcome": "Got the raise",
                        "lessons": "Ask earlier",
                        "satisfaction": 8,
                    }
                },
            )
        )["decisionOutcomeRecord"]
        # then
        assert decision["isOpen"] and not decision["isOverdue"]
        assert payload["errors"] == []
        done = payload["decision"]
        assert (done["outcome"], done["lessons"], done["satisfaction"], done["isOpen"]) == (
            "Got the raise",
            "Ask earlier",
            8,
            False,
        )
        assert done["outcomeAt"] is not None

    async def test_the_journal_lists_decisions_still_open_after_30_days(self, client):
        # given one old open, one old closed and one recent open decision
        user = await signed_up(client)
        old = (datetime.now(UTC) - timedelta(days=40)).isoformat()
        stale = await record_decision(user, choice="Learn Go", decidedAt=old)
        closed = await record_decision(user, choice="Switch teams", decidedAt=old)
        await user.gql(DECISION_OUTCOME, {"input": {"id": closed["id"], "outcome": "Done", "satisfaction": 6}})
        fresh = await record_decision(user, choice="Take the course")
        # when
        overdue = await decisions(user, overdue=True)
        open_ = await decisions(user, openOnly=True)
        everything = await decisions(user)
        # then
        assert [d["id"] for d in overdue] == [stale["id"]] and overdue[0]["isOverdue"]
        assert {d["id"] for d in open_} == {stale["id"], fresh["id"]}
        assert [d["id"] for d in everything] == [fresh["id"], closed["id"], stale["id"]]


class TestMilestoneAdd:
    async def test_a_promotion_with_a_role_moves_the_current_role(self, client):
        # given
        user = await signed_up(client)
        await user.gql(JOURNEY_UPDATE, {"input": {"currentRole": "Software Engineer", "roleStartedOn": "2022-01-01"}})
        # when
        payload = (
            await user.gql(
                MILESTONE_ADD,
                {
                    "input": {
                        "kind": "PROMOTION",
                        "title": "Promoted to senior",
                        "role": "Senior Software Engineer",
                        "impactScore": 8,
                        "marketValueNote": "+15% salary band",
                        "achievedOn": "2024-03-01",
                    }
                },
            )
        )["milestoneAdd"]
        # then
        assert payload["errors"] == []
        assert payload["milestone"]["impactScore"] == 8 and payload["milestone"]["achievedOn"] == "2024-03-01"
        journey = (await viewer(user))["journey"]
        assert (journey["currentRole"], journey["roleStartedOn"]) == ("Senior Software Engineer", "2024-03-01")

    async def test_a_certification_defaults_to_today(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(MILESTONE_ADD, {"input": {"kind": "CERTIFICATION", "title": "CKA"}}))["milestoneAdd"]
        # then
        assert payload["errors"] == [] and payload["milestone"]["achievedOn"]
        assert (await viewer(user))["milestones"]["totalCount"] == 1


class TestSkillSnapshots:
    async def test_a_snapshot_without_skills_is_prefilled_from_the_profile_and_the_last_one(self, client):
        # given a rated snapshot with Python and a profile that also lists Go
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python", "Go"]}})
        await user.gql(
            SNAPSHOT_TAKE,
            {
                "input": {
                    "takenOn": "2025-01-10",
                    "skills": [{"skill": "python", "proficiency": 0.7}, {"skill": "Docker", "proficiency": 0.4}],
                }
            },
        )
        # when
        draft = (await viewer(user))["skillSnapshotDraft"]
        payload = (await user.gql(SNAPSHOT_TAKE, {"input": {}}))["skillSnapshotTake"]
        # then
        assert {(d["skill"], d["proficiency"], d["lastProficiency"], d["inProfile"]) for d in draft} == {
            ("Docker", 0.4, 0.4, False),
            ("Go", 0.5, None, True),
            ("Python", 0.7, 0.7, True),
        }
        assert payload["errors"] == []
        assert {(s["skill"], s["proficiency"]) for s in payload["skillSnapshot"]["skills"]} == {
            ("Docker", 0.4),
            ("Go", 0.5),
            ("Python", 0.7),
        }

    async def test_a_second_snapshot_the_same_day_replaces_it(self, client):
        # given
        user = await signed_up(client)
        first = (await user.gql(SNAPSHOT_TAKE, {"input": {"skills": [{"skill": "SQL", "proficiency": 0.3}]}}))[
            "skillSnapshotTake"
        ]
        # when
        second = (await user.gql(SNAPSHOT_TAKE, {"input": {"skills": [{"skill": "SQL", "proficiency": 0.5}]}}))[
            "skillSnapshotTake"
        ]
        # then
        assert second["skillSnapshot"]["id"] == first["skillSnapshot"]["id"]
        assert (await viewer(user))["skillSnapshots"]["totalCount"] == 1
        assert second["skillSnapshot"]["skills"][0]["proficiency"] == 0.5

    async def test_gaps_to_the_target_role_are_noted(self, client):
        # given a Software Engineer aiming at Senior (testing expected at 0.7 on the ladder)
        user = await signed_up(client)
        await user.gql(JOURNEY_UPDATE, {"input": {"currentRole": "Software Engineer", "targetRole": "Senior Software Engineer"}})
        # when
        payload = (
            await user.gql(
                SNAPSHOT_TAKE,
                {
                    "input": {
                        "skills": [
                            {"skill": "testing", "proficiency": 0.4},
                            {"skill": "Cooking", "proficiency": 0.9, "marketDemand": 0.1},
                        ]
                    }
                },
            )
        )["skillSnapshotTake"]
        # then
        skills = {s["skill"].lower(): s for s in payload["skillSnapshot"]["skills"]}
        assert skills["testing"]["gap"] == 0.3 and skills["testing"]["marketDemand"] is None
        assert skills["cooking"]["gap"] is None and skills["cooking"]["marketDemand"] == 0.1

    async def test_proficiencies_can_be_edited(self, client):
        # given
        user = await signed_up(client)
        taken = (await user.gql(SNAPSHOT_TAKE, {"input": {"skills": [{"skill": "Rust", "proficiency": 0.2}]}}))[
            "skillSnapshotTake"
        ]
        # when
        payload = (
            await user.gql(
                SNAPSHOT_UPDATE,
                {"input": {"id": taken["skillSnapshot"]["id"], "skills": [{"skill": "Rust", "proficiency": 0.35}]}},
            )
        )["skillSnapshotUpdate"]
        # then
        assert payload["errors"] == [] and payload["skillSnapshot"]["skills"][0]["proficiency"] == 0.35


class TestRecomputeAfterChanges:
    async def test_the_worker_caches_patterns_that_say_when_data_is_thin(self, client, worker):
        # given
        user = await signed_up(client)
        goal = await create_goal(user)
        # when
        await user.gql(PROGRESS_LOG, {"input": {"goalId": goal["id"], "amount": 10, "minutes": 30, "learningFormat": "HANDS_ON"}})

        async def cached():
            data = (await user.gql(LEARNING_PATTERNS))["viewer"]
            patterns = data["learningPatterns"]
            return patterns and patterns["cadence"]["basedOn"] == 1 and data

        data = await eventually(cached)
        # then
        patterns = data["learningPatterns"]
        assert patterns["cadence"] == {
            "cadence": None,
            "activeDays": 1,
            "activeDaysPerWeek": None,
            "sufficient": False,
            "basedOn": 1,
            "message": "Not enough data yet: 1 of 5 progress entries needed",
        }
        assert patterns["formatByMinutes"]["totals"] == [{"format": "HANDS_ON", "value": 30.0}]
        assert data["journey"]["velocity"]["milestones"]["sufficient"] is False
        assert data["nextMilestonePrediction"]["confidence"] > 0


class TestCoherentAdvice:
    async def test_typed_role_is_kept_rated_skills_count_and_low_readiness_is_not_a_near_promotion(self, client, worker):
        # given the reported person: "Backend Engineer" since 2021, Python 0.8 and AWS 0.5 rated
        user = await signed_up(client)
        await user.gql(JOURNEY_UPDATE, {"input": {"currentRole": "Backend Engineer", "roleStartedOn": "2021-01-01"}})
        skills = [{"skill": "Python", "proficiency": 0.8}, {"skill": "AWS", "proficiency": 0.5}]
        # when
        taken = (await user.gql(SNAPSHOT_TAKE, {"input": {"skills": skills}}))["skillSnapshotTake"]
        assert taken["errors"] == []

        async def predicted():
            p = (await user.gql(LEARNING_PATTERNS))["viewer"]["nextMilestonePrediction"]
            return p and p["basedOn"]["snapshots"] == 1 and p

        p = await eventually(predicted)
        # then the role reads as typed, not as the ladder's "Software Engineer"
        assert p["currentRole"] == "Backend Engineer"
        assert p["targetRole"] == "Senior Backend Engineer" and p["title"] == "Promotion to Senior Backend Engineer"
        assert not any("Software Engineer" in r for r in p["reasons"])
        # and Python counts for programming: not "programming 0.00 of 0.80", not "0 of 6 key skills"
        keys = {k["skill"]: k for k in p["keySkills"]}
        assert keys["programming"] == {"skill": "programming", "have": 0.8, "need": 0.8, "gap": 0.0, "matchedBy": "Python"}
        assert "programming" not in [g["skill"] for g in p["skillGaps"]]
        assert any(r.startswith("You meet 1 of 6 key skills") for r in p["reasons"])
        # and a low readiness gives neither a near date nor a high confidence
        assert p["readiness"] < 0.25
        assert date.fromisoformat(p["expectedDate"]) > date.today() + timedelta(days=365)
        assert p["confidence"] < 0.4


class TestBadInput:
    """Each: a clear payload error, and nothing written."""

    async def test_satisfaction_above_10(self, client):
        user = await signed_up(client)
        decision = await record_decision(user)
        payload = (await user.gql(DECISION_OUTCOME, {"input": {"id": decision["id"], "outcome": "Fine", "satisfaction": 11}}))[
            "decisionOutcomeRecord"
        ]
        assert payload["decision"] is None
        assert payload["errors"] == [
            {"field": "satisfaction", "message": "Satisfaction must be between 1 and 10", "code": "OUT_OF_RANGE"}
        ]
        assert (await decisions(user))[0]["outcome"] is None

    async def test_satisfaction_below_1(self, client):
        user = await signed_up(client)
        decision = await record_decision(user)
        payload = (await user.gql(DECISION_OUTCOME, {"input": {"id": decision["id"], "outcome": "Fine", "satisfaction": 0}}))[
            "decisionOutcomeRecord"
        ]
        assert payload["errors"][0]["code"] == "OUT_OF_RANGE"
        assert (await decisions(user))[0]["isOpen"]

    async def test_proficiency_outside_0_to_1(self, client):
        user = await signed_up(client)
        payload = (
            await user.gql(
                SNAPSHOT_TAKE,
                {"input": {"skills": [{"skill": "Python", "proficiency": 1.5}, {"skill": "Go", "proficiency": -0.1}]}},
            )
        )["skillSnapshotTake"]
        assert payload["skillSnapshot"] is None
        assert payload["errors"] == [
            {"field": "skills", "message": "Proficiency of Python must be between 0 and 1", "code": "OUT_OF_RANGE"},
            {"field": "skills", "message": "Proficiency of Go must be between 0 and 1", "code": "OUT_OF_RANGE"},
        ]
        assert (await viewer(user))["skillSnapshots"]["totalCount"] == 0

    async def test_empty_milestone_title(self, client):
        user = await signed_up(client)
        payload = (await user.gql(MILESTONE_ADD, {"input": {"kind": "OTHER", "title": "  "}}))["milestoneAdd"]
        assert payload["errors"] == [{"field": "title", "message": "Title is required", "code": "REQUIRED"}]
        assert (await viewer(user))["milestones"]["totalCount"] == 0

    async def test_empty_decision_choice(self, client):
        user = await signed_up(client)
        payload = (await user.gql(DECISION_RECORD, {"input": {"kind": "OTHER", "choice": ""}}))["decisionRecord"]
        assert payload["errors"] == [{"field": "choice", "message": "Choice is required", "code": "REQUIRED"}]
        assert await decisions(user) == []

    async def test_a_milestone_in_the_future(self, client):
        user = await signed_up(client)
        later = (date.today() + timedelta(days=3)).isoformat()
        payload = (await user.gql(MILESTONE_ADD, {"input": {"kind": "OTHER", "title": "Soon", "achievedOn": later}}))[
            "milestoneAdd"
        ]
        assert payload["errors"] == [
            {"field": "achievedOn", "message": "A milestone cannot be in the future", "code": "OUT_OF_RANGE"}
        ]
        assert (await viewer(user))["milestones"]["totalCount"] == 0

    async def test_another_users_decision_is_the_same_as_a_missing_one(self, client):
        owner, other = await signed_up(client), await signed_up(client)
        decision = await record_decision(owner)
        theirs = (await other.gql(DECISION_OUTCOME, {"input": {"id": decision["id"], "outcome": "Mine now"}}))[
            "decisionOutcomeRecord"
        ]
        missing = (await other.gql(DECISION_OUTCOME, {"input": {"id": "RGVjaXNpb246OTk5OTk5OTk=", "outcome": "x"}}))[
            "decisionOutcomeRecord"
        ]
        node = (await other.gql(NODE, {"id": decision["id"]}))["node"]
        assert theirs["errors"] == missing["errors"] == [{"field": "id", "message": "Decision not found", "code": "NOT_FOUND"}]
        assert node is None
        assert (await decisions(owner))[0]["outcome"] is None

    async def test_another_users_snapshot_is_the_same_as_a_missing_one(self, client):
        owner, other = await signed_up(client), await signed_up(client)
        taken = (await owner.gql(SNAPSHOT_TAKE, {"input": {"skills": [{"skill": "Rust", "proficiency": 0.2}]}}))[
            "skillSnapshotTake"
        ]
        payload = (await other.gql(SNAPSHOT_UPDATE, {"input": {"id": taken["skillSnapshot"]["id"], "skills": []}}))[
            "skillSnapshotUpdate"
        ]
        assert payload["errors"] == [{"field": "id", "message": "SkillSnapshot not found", "code": "NOT_FOUND"}]
        assert len((await viewer(owner))["skillSnapshots"]["edges"][0]["node"]["skills"]) == 1

    async def test_an_id_of_another_type(self, client):
        user = await signed_up(client)
        goal = await create_goal(user)
        payload = (await user.gql(DECISION_OUTCOME, {"input": {"id": goal["id"], "outcome": "x"}}))["decisionOutcomeRecord"]
        assert payload["errors"] == [{"field": "id", "message": "Decision not found", "code": "NOT_FOUND"}]
