"""firstRunChecklist: a new user's five first steps, each done by doing it."""

from __future__ import annotations

from api.db import unit_of_work
from api.models import ResumeUpload
from tests.support.career import create_goal
from tests.support.graphql import db_id, signed_up
from tests.support.insights import CHECKLIST
from tests.support.jobs import PROFILE_UPDATE, create_job

SEARCH_CREATE = """
mutation Create($input: SavedSearchCreateInput!) { savedSearchCreate(input: $input) { savedSearch { id } errors { field message code } } }
"""


async def checklist(user) -> dict:
    return (await user.gql(CHECKLIST))["viewer"]["firstRunChecklist"]


async def done(user) -> dict[str, bool]:
    return {item["key"]: item["done"] for item in (await checklist(user))["items"]}


async def resume_upload(user_id: int, status: str) -> None:
    async with unit_of_work() as session:
        session.add(ResumeUpload(user_id=user_id, filename="cv.pdf", size=1000, status=status))


class TestFirstRunChecklist:
    async def test_a_new_user_has_done_nothing_yet(self, client):
        # given
        user = await signed_up(client)
        # when
        found = await checklist(user)
        # then
        assert found["complete"] is False
        assert [(i["key"], i["done"], i["href"]) for i in found["items"]] == [
            ("profile", False, "/profile"),
            ("resume", False, "/profile"),
            ("job", False, "/jobs"),
            ("goal", False, "/goals"),
            ("saved_search", False, "/sources"),
        ]
        assert all(item["label"] for item in found["items"])

    async def test_skills_in_the_profile(self, client):
        # given
        user = await signed_up(client)
        # when
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python"]}})
        # then
        assert await done(user) == {"profile": True, "resume": False, "job": False, "goal": False, "saved_search": False}

    async def test_only_a_parsed_resume_counts(self, client):
        # given
        user = await signed_up(client)
        await resume_upload(db_id(user.user_id), "failed")
        before = (await done(user))["resume"]
        # when
        await resume_upload(db_id(user.user_id), "completed")
        # then
        assert before is False and (await done(user))["resume"] is True

    async def test_a_job(self, client):
        # given
        user = await signed_up(client)
        # when
        await create_job(user)
        # then
        assert await done(user) == {"profile": False, "resume": False, "job": True, "goal": False, "saved_search": False}

    async def test_a_goal(self, client):
        # given
        user = await signed_up(client)
        # when
        await create_goal(user)
        # then
        assert await done(user) == {"profile": False, "resume": False, "job": False, "goal": True, "saved_search": False}

    async def test_a_saved_search(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = (await user.gql(SEARCH_CREATE, {"input": {"keywords": ["platform engineer"]}}))["savedSearchCreate"]
        # then
        assert payload["errors"] == []
        assert await done(user) == {"profile": False, "resume": False, "job": False, "goal": False, "saved_search": True}

    async def test_complete_when_everything_is_done(self, client):
        # given
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python"]}})
        await resume_upload(db_id(user.user_id), "completed")
        await create_job(user)
        await create_goal(user)
        # when
        await user.gql(SEARCH_CREATE, {"input": {"keywords": ["platform engineer"]}})
        # then
        found = await checklist(user)
        assert found["complete"] is True and all(item["done"] for item in found["items"])

    async def test_another_users_steps_do_not_count(self, client):
        # given
        user = await signed_up(client)
        other = await signed_up(client)
        # when
        await create_job(other)
        await create_goal(other)
        # then
        assert not any((await done(user)).values())
