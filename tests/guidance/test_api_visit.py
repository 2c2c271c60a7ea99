"""visitRecord: the web app's visit, once per load; the first one after days away answers with the
welcome back, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from api.db import unit_of_work
from api.models import User
from tests.support.graphql import Session, db_id, signed_up

VISIT = """
mutation Visit($input: VisitRecordInput!) {
  visitRecord(input: $input) {
    welcomeBack { awayDays insight { id kind priority title state } }
    errors { field message code }
  }
}
"""


async def visit(user) -> dict:
    payload = (await user.gql(VISIT, {"input": {"clientTime": datetime.now(UTC).isoformat()}}))["visitRecord"]
    assert payload["errors"] == [], payload
    return payload


async def last_seen(user, days_ago: int) -> None:
    async with unit_of_work() as session:
        await session.execute(
            update(User).where(User.id == db_id(user.user_id)).values(last_seen_at=datetime.now(UTC) - timedelta(days=days_ago))
        )


class TestVisitRecord:
    async def test_a_new_account_is_not_welcomed_back(self, client):
        # given
        user = await signed_up(client)
        # when
        payload = await visit(user)
        # then
        assert payload["welcomeBack"] is None

    async def test_after_eight_days_away_the_welcome_back_comes_once(self, client):
        # given
        user = await signed_up(client)
        await last_seen(user, 8)
        # when
        first = await visit(user)
        again = await visit(user)
        # then
        welcome = first["welcomeBack"]
        assert welcome["awayDays"] == 8
        assert welcome["insight"]["kind"] == "WELCOME_BACK" and welcome["insight"]["title"] == "Welcome back: 8 days away"
        assert again["welcomeBack"] is None

    async def test_two_days_away_is_no_welcome_back(self, client):
        # given
        user = await signed_up(client)
        await last_seen(user, 2)
        # when
        payload = await visit(user)
        # then
        assert payload["welcomeBack"] is None

    async def test_signed_out_is_refused(self, client):
        # given
        anonymous = Session(client)
        # when
        body = await anonymous.raw(VISIT, {"input": {}})
        # then
        assert body["data"] is None and "Authentication required" in body["errors"][0]["message"]
