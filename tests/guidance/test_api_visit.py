"""visitRecord: the web app's visit on each load; the welcome back after days away, once; the
browser's time zone adopted while the viewer's is still the default."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from api.db import read_session, unit_of_work
from api.models import User
from tests.support.graphql import db_id, signed_up
from tests.support.insights import user_timezone

VISIT = """
mutation Visit($input: VisitRecordInput!) {
  visitRecord(input: $input) {
    welcomeBack { awayDays insight { id kind title state } }
    errors { field message code }
  }
}
"""


async def visit(user, **input) -> dict:
    return (await user.gql(VISIT, {"input": input}))["visitRecord"]


async def set_last_seen(user_id: int, moment: datetime) -> None:
    async with unit_of_work() as session:
        await session.execute(update(User).where(User.id == user_id).values(last_seen_at=moment))


async def last_seen(user_id: int) -> datetime | None:
    async with read_session() as session:
        return (await session.execute(select(User.last_seen_at).where(User.id == user_id))).scalar_one()


class TestVisitRecord:
    async def test_the_first_visit_has_no_welcome_back(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await visit(user)
        # then
        assert payload == {"welcomeBack": None, "errors": []}
        assert await last_seen(db_id(user.user_id)) is not None

    async def test_after_nine_days_away_the_welcome_back_comes_once(self, client):
        # given a viewer last seen nine days ago
        user = await signed_up(client)
        await set_last_seen(db_id(user.user_id), datetime.now(UTC) - timedelta(days=9, hours=1))
        # when
        first = await visit(user)
        second = await visit(user)
        # then
        assert first["errors"] == []
        assert first["welcomeBack"]["awayDays"] == 9
        assert first["welcomeBack"]["insight"]["kind"] == "WELCOME_BACK"
        assert first["welcomeBack"]["insight"]["title"] == "Welcome back: 9 days away"
        assert second["welcomeBack"] is None

    async def test_the_browser_time_zone_is_adopted_while_the_default_stands(self, client):
        # given a new viewer (UTC by default)
        user = await signed_up(client)
        # when
        payload = await visit(user, timezone="Pacific/Auckland")
        # then
        assert payload["errors"] == []
        assert await user_timezone(db_id(user.user_id)) == "Pacific/Auckland"

    async def test_a_time_zone_once_set_is_kept(self, client):
        # given a viewer whose zone became Berlin
        user = await signed_up(client)
        await visit(user, timezone="Europe/Berlin")
        # when the browser is elsewhere
        await visit(user, timezone="America/Los_Angeles")
        # then
        assert await user_timezone(db_id(user.user_id)) == "Europe/Berlin"

    async def test_an_unknown_time_zone_is_refused_and_nothing_is_written(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await visit(user, timezone="Mars/Olympus")
        # then
        assert payload["welcomeBack"] is None
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("timezone", "INVALID")]
        assert await last_seen(db_id(user.user_id)) is None
        assert await user_timezone(db_id(user.user_id)) == "UTC"

    async def test_signed_out_is_refused(self, client):
        # when
        result = await client.post("/graphql", json={"query": VISIT, "variables": {"input": {}}})
        # then
        assert result.json()["errors"][0]["message"]
