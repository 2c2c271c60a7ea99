"""dispatch: a message goes to the channels chosen for its topic, once, and the delivery log says
why a channel could not carry it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from api.db import read_session, unit_of_work
from api.models import Delivery, NotificationPreference
from api.notification.dispatch import Message, dispatch, dispatch_many
from api.vocabulary import NotificationTopic
from tests.support.graphql import db_id, signed_up

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


async def prefer(user_id: int, **fields) -> None:
    async with unit_of_work() as session:
        session.add(NotificationPreference(user_id=user_id, **fields))


async def deliveries(user_id: int) -> list[Delivery]:
    async with read_session() as session:
        query = select(Delivery).where(Delivery.user_id == user_id).order_by(Delivery.channel)
        return list((await session.execute(query)).scalars())


def message(user_id: int) -> Message:
    # keys name messages globally (a digest's id), so each test's person gets their own
    return Message(user_id=user_id, topic=NotificationTopic.DIGESTS, key=f"digest:{user_id}", subject="Your morning briefing")


class TestDispatch:
    async def test_in_app_only_by_default_records_nothing(self, client):
        # given a person who never chose channels
        user = await signed_up(client)
        uid = db_id(user.user_id)
        # when
        async with unit_of_work() as session:
            pending = await dispatch(session, message(uid), NOW)
        # then
        assert pending == [] and await deliveries(uid) == []

    async def test_a_ready_channel_is_pending_and_an_unready_one_is_skipped_with_its_reason(self, client):
        # given digests by ntfy (with a topic URL) and by email (no SMTP on this server)
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await prefer(uid, channels={"digests": ["in_app", "email", "ntfy"]}, ntfy_url="https://ntfy.example/cc")
        # when
        async with unit_of_work() as session:
            pending = await dispatch(session, message(uid), NOW)
        # then
        rows = await deliveries(uid)
        assert [(r.channel, r.status, r.last_error) for r in rows] == [
            ("email", "skipped", "Email is not configured on this server (SMTP_HOST)"),
            ("ntfy", "pending", None),
        ]
        assert pending == [rows[1].id]
        assert {r.dedupe_key for r in rows} == {f"digest:{uid}:email", f"digest:{uid}:ntfy"}

    async def test_the_same_message_twice_is_recorded_once(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await prefer(uid, channels={"digests": ["ntfy"]}, ntfy_url="https://ntfy.example/cc")
        async with unit_of_work() as session:
            first = await dispatch(session, message(uid), NOW)
        # when a retried job dispatches it again
        async with unit_of_work() as session:
            again = await dispatch_many(session, [message(uid), message(uid)], NOW)
        # then
        assert len(first) == 1 and again == []
        assert len(await deliveries(uid)) == 1

    async def test_vacation_skips_every_channel_through_its_last_day(self, client):
        # given a person on vacation until 30 Nov (their local date)
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await prefer(uid, channels={"digests": ["ntfy"]}, ntfy_url="https://ntfy.example/cc", vacation_until=date(2026, 11, 30))
        # when
        async with unit_of_work() as session:
            pending = await dispatch(session, message(uid), NOW)
        # then
        assert pending == []
        assert [(r.status, r.last_error) for r in await deliveries(uid)] == [("skipped", "On vacation until 2026-11-30")]
