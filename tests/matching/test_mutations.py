from __future__ import annotations

from tests.support.graphql import signed_up
from tests.support.jobs import create_application, create_job
from tests.support.matching import FULL_STACK_JOB, profiled_user, scored

RECOMMENDATIONS = """
query Recommendations {
  recommendations(first: 10) { totalCount edges { node { title matchScore scoreBreakdown { total band provisional } } } }
}
"""
FEEDBACK = """
mutation Feedback($input: MatchFeedbackGiveInput!) {
  matchFeedbackGive(input: $input) { weights { skills location experience reason customised } errors { field message code } }
}
"""
WEIGHTS = "query { viewer { matchWeights { skills location experience reason customised } } }"
SKILL_ADD = """
mutation Add($input: UserSkillAddInput!) {
  userSkillAdd(input: $input) { userSkill { id name aliases category } errors { field message code } }
}
"""
CUSTOM = "query { viewer { customSkills { name aliases category } } }"


class TestScoreBreakdown:
    async def test_every_part_is_explained_with_matched_and_missing_skills(self, client, worker):
        # given
        user = await profiled_user(client)
        # when
        job_id = await create_job(user, **FULL_STACK_JOB)
        node = await scored(user, job_id)
        # then: must-haves Python, PostgreSQL, Kubernetes (2 of 3), nice-to-haves Go, Terraform (0 of 2):
        # skills 100*(0.85*2/3 + 0.15*0/2) = 56.7 → 57; same city 100; senior = senior 100;
        # total 0.5*57 + 0.3*100 + 0.2*100 = 78.5 → 79 (half up), band good (65 ≤ 79 < 80)
        b = node["scoreBreakdown"]
        assert node["matchScore"] == b["total"] == 79
        assert (b["band"], b["provisional"]) == ("GOOD", False)
        assert [(p["name"], p["score"], p["weight"]) for p in b["parts"]] == [
            ("skills", 57, 0.5),
            ("location", 100, 0.3),
            ("experience", 100, 0.2),
        ]
        assert b["matched"] == ["Python", "PostgreSQL"]
        assert (b["missingMustHave"], b["missingNiceToHave"]) == (["Kubernetes"], ["Go", "Terraform"])
        assert b["whatWouldRaiseIt"] == ["Kubernetes", "Go", "Terraform"]
        assert (
            b["parts"][0]["detail"] == "Skills: you have 2 of 3 must-have skills (missing Kubernetes) and 0 of 2 nice-to-haves."
        )
        assert b["parts"][1]["detail"] == "The job is in Berlin, Germany, your preferred city."
        assert b["parts"][2]["detail"] == "Senior role matches your level."

    async def test_a_thin_posting_is_provisional(self, client, worker):
        # given
        user = await profiled_user(client)
        # when: no description, one skill
        node = await scored(user, await create_job(user, title="Junior Java Developer", location="Lima", techStack=["Java"]))
        # then: skills 0; Lima is not Berlin → 0; junior is two steps below senior → 50; 0.2*50 = 10
        assert node["scoreBreakdown"]["total"] == 10
        assert (node["scoreBreakdown"]["band"], node["scoreBreakdown"]["provisional"]) == ("POOR", True)
        assert node["scoreBreakdown"]["explanation"][-1] == "The posting is thin, so this score is provisional."


class TestRecommendations:
    async def test_open_unapplied_jobs_ranked_by_score(self, client, worker):
        # given: three scored jobs, one of them applied to
        user = await profiled_user(client)
        full = await create_job(user, **FULL_STACK_JOB)
        munich = await create_job(
            user, company="Initech", title="Backend Engineer", location="Munich, Germany", techStack=["Python"]
        )
        lima = await create_job(user, title="Junior Java Developer", location="Lima", techStack=["Java"])
        applied = await create_job(user, title="Senior Python Engineer", location="Berlin", techStack=["Python"])
        for job_id in (full, munich, lima, applied):
            await scored(user, job_id)
        await create_application(user, applied, status="APPLIED")
        # when
        data = (await user.gql(RECOMMENDATIONS))["recommendations"]
        # then: Munich 0.5*100 + 0.3*60 (same country) + 0.2*75 (level unstated) = 83; full stack 79; Lima 10
        assert data["totalCount"] == 3
        assert [(e["node"]["title"], e["node"]["matchScore"], e["node"]["scoreBreakdown"]["band"]) for e in data["edges"]] == [
            ("Backend Engineer", 83, "GREAT"),
            ("Senior Python Engineer", 79, "GOOD"),
            ("Junior Java Developer", 10, "POOR"),
        ]


class TestMatchFeedbackGive:
    async def test_thumbs_down_lowers_the_part_that_over_scored_it_and_says_why(self, client, worker):
        # given: the full-stack job scored 57 / 100 / 100 (location and experience tie; location comes first)
        user = await profiled_user(client)
        job_id = await create_job(user, **FULL_STACK_JOB)
        await scored(user, job_id, 79)
        before = (await user.gql(WEIGHTS))["viewer"]["matchWeights"]
        # when
        payload = (await user.gql(FEEDBACK, {"input": {"jobId": job_id, "rating": -1}}))["matchFeedbackGive"]
        # then: location -0.05 → 0.25, the others absorb +0.025 each
        assert before == {
            "skills": 0.5,
            "location": 0.3,
            "experience": 0.2,
            "customised": False,
            "reason": "The starting weights: skills 50%, location 30%, experience 20%.",
        }
        expected = {
            "skills": 0.525,
            "location": 0.25,
            "experience": 0.225,
            "customised": True,
            "reason": "You disliked 1 job that scored high on location: location weight 30% → 25%.",
        }
        assert payload == {"weights": expected, "errors": []}
        assert (await user.gql(WEIGHTS))["viewer"]["matchWeights"] == expected
        # and the job is re-scored: 0.525*57 + 0.25*100 + 0.225*100 = 77.425 → 77
        await scored(user, job_id, 77)

    async def test_a_part_can_be_said_to_matter_more(self, client, worker):
        # given
        user = await profiled_user(client)
        job_id = await create_job(user, **FULL_STACK_JOB)
        # when
        payload = (await user.gql(FEEDBACK, {"input": {"jobId": job_id, "rating": 1, "target": "LOCATION"}}))["matchFeedbackGive"]
        # then: location +0.05; skills and experience give 0.025 each
        assert payload["weights"] == {
            "skills": 0.475,
            "location": 0.35,
            "experience": 0.175,
            "customised": True,
            "reason": "You said location matters more (once): location weight 30% → 35%.",
        }

    async def test_bad_rating_and_another_users_job_are_payload_errors(self, client):
        # given
        owner, other = await profiled_user(client), await signed_up(client)
        job_id = await create_job(owner, **FULL_STACK_JOB)
        # when
        bad = (await owner.gql(FEEDBACK, {"input": {"jobId": job_id, "rating": 5}}))["matchFeedbackGive"]
        theirs = (await other.gql(FEEDBACK, {"input": {"jobId": job_id, "rating": 1}}))["matchFeedbackGive"]
        # then
        assert bad["errors"] == [
            {"field": "rating", "message": "Rating must be 1 (thumbs up) or -1 (thumbs down)", "code": "OUT_OF_RANGE"}
        ]
        assert theirs["errors"] == [{"field": "jobId", "message": "Job not found", "code": "NOT_FOUND"}]


class TestUserSkillAdd:
    async def test_a_custom_skill_is_extracted_and_changes_the_score(self, client, worker):
        # given: a job asking for Python and an in-house tool the taxonomy does not know
        user = await profiled_user(client)
        job_id = await create_job(
            user,
            company="Acme",
            title="Senior Workflow Engineer",
            location="Berlin",
            description="Requirements: Python and AcmeFlow experience.",
        )
        await scored(user, job_id, 100)
        # when
        payload = (await user.gql(SKILL_ADD, {"input": {"name": "Acme Flow", "aliases": ["AcmeFlow"], "category": "tool"}}))[
            "userSkillAdd"
        ]
        # then: must-haves become Python and Acme Flow: skills 100*1/2 = 50 → 0.5*50 + 30 + 20 = 75
        assert payload["errors"] == [] and payload["userSkill"]["name"] == "Acme Flow"
        node = await scored(user, job_id, 75)
        assert node["scoreBreakdown"]["missingMustHave"] == ["Acme Flow"]
        assert (await user.gql(CUSTOM))["viewer"]["customSkills"] == [
            {"name": "Acme Flow", "aliases": ["AcmeFlow"], "category": "tool"}
        ]

    async def test_an_unknown_category_is_rejected(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(SKILL_ADD, {"input": {"name": "Foo", "category": "magic"}}))["userSkillAdd"]
        # then
        assert payload["userSkill"] is None and payload["errors"][0]["field"] == "category"
