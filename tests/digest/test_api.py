"""The digest API: the archive (newest first, by kind, without previews), node access (another
person's digest is missing), deliveries per digest through a loader, the preview (stored as a
test, not taking the day's slot, rate-limited) and Notification.href."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from api.db import unit_of_work
from api.digest.service import PREVIEWS_PER_HOUR
from api.digest.tasks import send_due
from api.graphql.relay import encode_id
from api.models import Delivery, Digest, Notification
from tests.digest.seeding import add_job, digests, notifications, set_preferences
from tests.support.graphql import db_id, signed_up
from tests.support.statements import counting_statements

DIGESTS = """
query ($first: Int, $kind: DigestKind, $includeTests: Boolean) {
  viewer { digests(first: $first, kind: $kind, includeTests: $includeTests) {
    totalCount
    edges { node { id kind localDate isTest subject text sections { key title items { text detail href } }
                   deliveries { channel status topic digest { id } } } }
  } }
}
"""
NODE = """
query ($id: ID!) { node(id: $id) { ... on Digest { id subject } } }
"""
PREVIEW = """
mutation ($input: DigestPreviewInput!) {
  digestPreview(input: $input) { digest { id kind isTest localDate subject sections { key } } errors { field message code } }
}
"""
NOTIFICATIONS = """
query { notifications(first: 20) { edges { node { kind title href } } } }
"""


async def stored(user_id: int, kind: str, day: int, *, is_test: bool = False, deliveries: int = 0) -> int:
    """A digest of 1 June + day, written an hour after the one before, with email deliveries."""
    async with unit_of_work() as session:
        digest = Digest(
            user_id=user_id,
            kind=kind,
            local_date=datetime(2026, 6, 1 + day).date(),
            is_test=is_test,
            subject=f"{kind} {day}{' test' if is_test else ''}",
            sections=[
                {"key": "matches", "title": "New strong matches", "items": [{"text": "A", "detail": None, "href": "/jobs/x"}]}
            ],
            text="plain",
            created_at=datetime(2026, 6, 1, tzinfo=UTC) + timedelta(days=day, hours=1 if is_test else 0),
        )
        session.add(digest)
        await session.flush()
        for n in range(deliveries):
            session.add(
                Delivery(
                    user_id=user_id,
                    channel="email",
                    topic="digests",
                    subject=digest.subject,
                    digest_id=digest.id,
                    dedupe_key=f"digest:{digest.id}:email:{n}",
                    status="sent",
                )
            )
        return digest.id


def subjects(data) -> list[str]:
    return [e["node"]["subject"] for e in data["viewer"]["digests"]["edges"]]


class TestArchive:
    async def test_newest_first_with_sections_and_deliveries(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await stored(uid, "morning", 0, deliveries=1)
        await stored(uid, "evening", 1)
        # when
        data = await user.gql(DIGESTS, {"first": 10})
        # then
        assert subjects(data) == ["evening 1", "morning 0"]
        morning = data["viewer"]["digests"]["edges"][1]["node"]
        assert morning["kind"] == "MORNING" and morning["localDate"] == "2026-06-01" and morning["isTest"] is False
        assert morning["sections"] == [
            {"key": "matches", "title": "New strong matches", "items": [{"text": "A", "detail": None, "href": "/jobs/x"}]}
        ]
        assert morning["deliveries"] == [
            {"channel": "EMAIL", "status": "SENT", "topic": "digests", "digest": {"id": morning["id"]}}
        ]

    async def test_by_kind_and_without_previews(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        await stored(uid, "morning", 0)
        await stored(uid, "morning", 0, is_test=True)
        await stored(uid, "evening", 0)
        # when
        mornings = await user.gql(DIGESTS, {"kind": "MORNING"})
        real = await user.gql(DIGESTS, {"kind": "MORNING", "includeTests": False})
        # then
        assert subjects(mornings) == ["morning 0 test", "morning 0"]
        assert subjects(real) == ["morning 0"]

    async def test_only_the_viewers_digests(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        await stored(db_id(owner.user_id), "morning", 0)
        # when
        data = await other.gql(DIGESTS)
        # then
        assert data["viewer"]["digests"]["totalCount"] == 0

    async def test_deliveries_cost_the_same_statements_for_two_digests_as_for_eight(self, client):
        # given
        few, many = await signed_up(client), await signed_up(client)
        for day in range(2):
            await stored(db_id(few.user_id), "morning", day, deliveries=2)
        for day in range(8):
            await stored(db_id(many.user_id), "morning", day, deliveries=2)
        # when
        async with counting_statements() as small:
            await few.gql(DIGESTS)
        async with counting_statements() as large:
            data = await many.gql(DIGESTS)
        # then
        assert len(data["viewer"]["digests"]["edges"]) == 8
        assert all(len(e["node"]["deliveries"]) == 2 for e in data["viewer"]["digests"]["edges"])
        assert len(small) == len(large)


class TestNode:
    async def test_the_owner_reads_a_digest_by_id(self, client):
        # given
        user = await signed_up(client)
        digest_id = await stored(db_id(user.user_id), "morning", 0)
        # when
        data = await user.gql(NODE, {"id": encode_id("Digest", digest_id)})
        # then
        assert data["node"] == {"id": encode_id("Digest", digest_id), "subject": "morning 0"}

    async def test_another_persons_digest_is_missing(self, client):
        # given
        owner, other = await signed_up(client), await signed_up(client)
        digest_id = await stored(db_id(owner.user_id), "morning", 0)
        # when
        data = await other.gql(NODE, {"id": encode_id("Digest", digest_id)})
        missing = await other.gql(NODE, {"id": encode_id("Digest", 2**62)})
        # then
        assert data["node"] is None
        assert missing["node"] is None


class TestPreview:
    async def test_a_preview_is_stored_as_a_test_and_notified_in_app(self, client):
        # given a person with nothing to say
        user = await signed_up(client)
        uid = db_id(user.user_id)
        # when
        payload = (await user.gql(PREVIEW, {"input": {"kind": "EVENING"}}))["digestPreview"]
        # then
        assert payload["errors"] == []
        digest = payload["digest"]
        assert (digest["kind"], digest["isTest"]) == ("EVENING", True)
        assert digest["subject"].startswith("Your evening summary — ")
        (notification,) = await notifications(uid)
        assert (notification.kind, notification.title) == ("digest", digest["subject"])
        assert notification.dedupe_key == f"digest:{db_id(digest['id'])}"

    async def test_a_preview_does_not_take_the_days_digest(self, client):
        # given a person who previewed this morning's briefing
        user = await signed_up(client)
        uid = db_id(user.user_id)
        now = datetime.now(UTC)
        await user.gql(PREVIEW, {"input": {"kind": "MORNING"}})
        # when the briefing for today comes due
        await set_preferences(uid, send_when_quiet=True, next_morning_at=now - timedelta(minutes=1), morning_enabled=True)
        await send_due(now, only=[uid])
        # then both are there for the same local date: the test and the real one
        found = [(d.kind, d.is_test, d.local_date) for d in await digests(uid) if d.kind == "morning"]
        assert sorted(found) == [("morning", False, now.date()), ("morning", True, now.date())]

    async def test_previews_are_rate_limited(self, client):
        # given a person who previewed as often as allowed this hour
        user = await signed_up(client)
        for _ in range(PREVIEWS_PER_HOUR):
            assert (await user.gql(PREVIEW, {"input": {"kind": "MORNING"}}))["digestPreview"]["errors"] == []
        # when
        payload = (await user.gql(PREVIEW, {"input": {"kind": "MORNING"}}))["digestPreview"]
        # then nothing more is written
        assert payload["digest"] is None
        assert payload["errors"] == [
            {"field": "kind", "message": f"At most {PREVIEWS_PER_HOUR} previews an hour; try again later", "code": "RATE_LIMITED"}
        ]
        assert len(await digests(db_id(user.user_id))) == PREVIEWS_PER_HOUR


class TestNotificationHref:
    async def test_a_digest_notification_leads_to_the_digest_a_job_alert_to_the_job(self, client):
        # given
        user = await signed_up(client)
        uid = db_id(user.user_id)
        digest_id = await stored(uid, "morning", 0)
        job_id = await add_job(uid, "Platform Engineer")
        async with unit_of_work() as session:
            session.add(
                Notification(user_id=uid, kind="job_match", title="Match", job_id=job_id, dedupe_key=f"job_match:{job_id}")
            )
            session.add(Notification(user_id=uid, kind="digest", title="Briefing", dedupe_key=f"digest:{digest_id}"))
            session.add(Notification(user_id=uid, kind="insight", title="Insight", dedupe_key=f"i:{uid}"))
            session.add(Notification(user_id=uid, kind="other", title="Other", dedupe_key=f"o:{uid}"))
        # when
        data = await user.gql(NOTIFICATIONS)
        # then
        hrefs = {e["node"]["title"]: e["node"]["href"] for e in data["notifications"]["edges"]}
        assert hrefs == {
            "Briefing": f"/digests/{encode_id('Digest', digest_id)}",
            "Match": f"/jobs/{encode_id('Job', job_id)}",
            "Insight": "/insights",
            "Other": None,
        }
