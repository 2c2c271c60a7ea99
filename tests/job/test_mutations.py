from __future__ import annotations

from tests.support.graphql import signed_up
from tests.support.waiting import eventually

PROFILE = """
mutation Profile($input: ProfileUpdateInput!) {
  profileUpdate(input: $input) { user { skills preferredLocations experienceLevel timezone } errors { field message code } }
}
"""
CREATE = """
mutation Create($input: JobCreateInput!) {
  jobCreate(input: $input) { job { id title matchScore techStack salary { min max currency } } errors { field message code } }
}
"""
UPDATE = """
mutation Update($input: JobUpdateInput!) {
  jobUpdate(input: $input) { job { id title location matchScore } errors { field message code } }
}
"""
DELETE = """
mutation Delete($input: JobDeleteInput!) { jobDelete(input: $input) { deletedId errors { field message code } } }
"""
SCORE = "query Score($id: ID!) { node(id: $id) { ... on Job { title matchScore } } }"
JOBS = """
query Jobs($filter: JobFilter, $order: JobOrder!, $first: Int) {
  jobs(first: $first, filter: $filter, orderBy: $order) { totalCount edges { node { title matchScore } } }
}
"""
BACKEND = {
    "company": "Acme",
    "title": "Senior Backend Engineer",
    "location": "Berlin, Germany",
    "techStack": ["python", "Postgres", "k8s", "Go"],
}


async def scored(session, job_id, expected=None):
    async def check():
        score = (await session.gql(SCORE, {"id": job_id}))["node"]["matchScore"]
        return score is not None and (expected is None or score == expected) and (score,)

    return (await eventually(check))[0]


class TestJobCreate:
    async def test_worker_scores_explainably_and_alias_insensitively(self, client, worker):
        # given: 3 of 4 stack items known through aliases, same city, same level
        user = await signed_up(client)
        await user.gql(
            PROFILE,
            {
                "input": {
                    "skills": ["PYTHON", "postgresql", "Kubernetes"],
                    "preferredLocations": ["berlin"],
                    "experienceLevel": "SENIOR",
                }
            },
        )
        # when
        job = (await user.gql(CREATE, {"input": BACKEND}))["jobCreate"]["job"]
        # then: the stack is named (not hedged): 3 of 4 at weight 1.5, and the title's area (backend
        # development, shown by Python and PostgreSQL) as one more requirement of weight 3 → 7.5/9 = 83.3;
        # that area closes 0.4 of the gap → 90; location same city 100; experience senior = senior 100
        # → 0.5*90 + 0.3*100 + 0.2*100 = 95
        assert job["techStack"] == ["Python", "PostgreSQL", "Kubernetes", "Go"]
        assert await scored(user, job["id"]) == 95

    async def test_profile_change_rescores_all_jobs(self, client, worker):
        # given
        user = await signed_up(client)
        job = (await user.gql(CREATE, {"input": BACKEND}))["jobCreate"]["job"]
        before = await scored(user, job["id"])
        # when: add the missing skills and location
        await user.gql(
            PROFILE,
            {
                "input": {
                    "skills": ["python", "postgres", "k8s", "golang"],
                    "preferredLocations": ["Berlin"],
                    "experienceLevel": "SENIOR",
                }
            },
        )
        # then: before — skills 0/4 → 0; location: no preferred places and not relocating → 50
        # ("unknown"); experience: a senior role one step above mid → 60.
        # 0.5*0 + 0.3*50 + 0.2*60 = 27. After: 100 on every part → 100.
        assert before == 27
        assert await scored(user, job["id"], expected=100) == 100

    async def test_invalid_fields_are_reported_and_nothing_is_written(self, client):
        # given
        user = await signed_up(client)
        bad = {
            "company": " ",
            "title": "t" * 201,
            "salaryMin": 200,
            "salaryMax": 100,
            "salaryCurrency": "EURO",
            "sourceUrl": "ftp://x",
        }
        # when
        payload = (await user.gql(CREATE, {"input": bad}))["jobCreate"]
        total = (await user.gql(JOBS, {"order": "SCORE"}))["jobs"]["totalCount"]
        # then
        assert payload["job"] is None
        assert {(e["field"], e["code"]) for e in payload["errors"]} == {
            ("company", "REQUIRED"),
            ("title", "TOO_LONG"),
            ("salaryMax", "OUT_OF_RANGE"),
            ("salaryCurrency", "INVALID"),
            ("sourceUrl", "INVALID"),
        }
        assert total == 0


class TestJobUpdateAndDelete:
    async def test_update_changes_only_given_fields(self, client):
        # given
        user = await signed_up(client)
        job = (await user.gql(CREATE, {"input": BACKEND}))["jobCreate"]["job"]
        # when
        updated = (await user.gql(UPDATE, {"input": {"id": job["id"], "title": "Staff Engineer"}}))["jobUpdate"]
        # then
        assert updated["errors"] == []
        assert updated["job"]["title"] == "Staff Engineer" and updated["job"]["location"] == "Berlin, Germany"

    async def test_another_users_job_behaves_like_a_missing_one(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        job = (await owner.gql(CREATE, {"input": BACKEND}))["jobCreate"]["job"]
        # when
        theirs = (await other.gql(UPDATE, {"input": {"id": job["id"], "title": "Hijacked"}}))["jobUpdate"]
        absent = (await other.gql(UPDATE, {"input": {"id": "Sm9iOjk5OTk5OTk5", "title": "x"}}))["jobUpdate"]
        deleted = (await other.gql(DELETE, {"input": {"id": job["id"]}}))["jobDelete"]
        node = (await other.gql(SCORE, {"id": job["id"]}))["node"]
        # then
        assert (
            theirs["errors"]
            == absent["errors"]
            == deleted["errors"]
            == [{"field": "id", "message": "Job not found", "code": "NOT_FOUND"}]
        )
        assert node is None
        mine = (await owner.gql(SCORE, {"id": job["id"]}))["node"]
        assert mine is not None and mine["title"] == BACKEND["title"]  # the hijack changed nothing

    async def test_an_id_of_another_type_is_rejected(self, client):
        # given
        user = await signed_up(client)
        # when: the user's own id where a Job id is expected
        payload = (await user.gql(DELETE, {"input": {"id": user.user_id}}))["jobDelete"]
        # then
        assert payload["errors"][0]["code"] == "NOT_FOUND"

    async def test_delete_removes_the_job(self, client):
        # given
        user = await signed_up(client)
        job = (await user.gql(CREATE, {"input": BACKEND}))["jobCreate"]["job"]
        # when
        payload = (await user.gql(DELETE, {"input": {"id": job["id"]}}))["jobDelete"]
        # then
        assert payload == {"deletedId": job["id"], "errors": []}
        assert (await user.gql(SCORE, {"id": job["id"]}))["node"] is None


class TestJobsQuery:
    async def test_filters_by_text_and_min_score_and_orders(self, client, worker):
        # given
        user = await signed_up(client)
        await user.gql(PROFILE, {"input": {"skills": ["Python"], "preferredLocations": ["Berlin"], "experienceLevel": "MID"}})
        ids = []
        for title, stack, where in [
            ("Python Dev", ["Python"], "Berlin"),
            ("Java Dev", ["Java"], "Paris"),
            ("Data Dev", ["Python", "Java"], "Paris"),
        ]:
            ids.append(
                (await user.gql(CREATE, {"input": {"company": "C", "title": title, "techStack": stack, "location": where}}))[
                    "jobCreate"
                ]["job"]["id"]
            )
        for job_id in ids:
            await scored(user, job_id)
        # when
        by_score = (await user.gql(JOBS, {"order": "SCORE"}))["jobs"]
        newest = (await user.gql(JOBS, {"order": "NEWEST"}))["jobs"]
        good = (await user.gql(JOBS, {"order": "SCORE", "filter": {"minScore": 40}}))["jobs"]
        text = (await user.gql(JOBS, {"order": "SCORE", "filter": {"text": "java"}}))["jobs"]
        # then: no title states a level → experience 75 for all; Paris is outside Berlin → location 0.
        # Python Dev 0.5*100 + 0.3*100 + 0.2*75 = 95; Data Dev (1 of 2 must-haves) 0.5*50 + 0 + 15 = 40;
        # Java Dev 0 + 0 + 15 = 15
        assert [(e["node"]["title"], e["node"]["matchScore"]) for e in by_score["edges"]] == [
            ("Python Dev", 95),
            ("Data Dev", 40),
            ("Java Dev", 15),
        ]
        assert [e["node"]["title"] for e in newest["edges"]] == ["Data Dev", "Java Dev", "Python Dev"]
        assert good["totalCount"] == 2
        assert [e["node"]["title"] for e in text["edges"]] == ["Java Dev"]
