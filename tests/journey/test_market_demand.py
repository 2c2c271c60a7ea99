"""Market demand of a snapshot's skills, from the instance's own postings.

Postings are global rows, so every scenario seeds its own postings far in the past and takes a
snapshot dated inside that window (a past snapshot reads the market of its own day); the rows
are removed afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete

from api.db import unit_of_work
from api.journey.demand import PostingCounts, market_demand
from api.journey.records import to_jsonable
from api.models import Posting
from tests.support.career import SNAPSHOT_TAKE, SNAPSHOT_UPDATE
from tests.support.graphql import signed_up
from tests.support.statements import counting_statements

SNAPSHOT_FIELDS = """
id takenOn
skills {
  skill proficiency marketDemand gap
  marketDemandNote { share trendPercent trend mentions postings windowDays asOf sufficient lowConfidence sentence message }
}
"""
TAKE = SNAPSHOT_TAKE.replace("id takenOn skills { skill proficiency marketDemand gap }", SNAPSHOT_FIELDS)
UPDATE = SNAPSHOT_UPDATE.replace("id takenOn skills { skill proficiency marketDemand gap }", SNAPSHOT_FIELDS)


@pytest.fixture
async def postings():
    """Seeds postings rows directly; removes them after the test."""
    company = f"Demand {uuid.uuid4().hex[:8]}"

    async def seed(at: datetime, skills: Iterable[str], count: int = 1, repost_of: int | None = None) -> list[int]:
        async with unit_of_work() as session:
            rows = [
                Posting(
                    source="test",
                    fuzzy_key=f"{company}-{uuid.uuid4().hex}",
                    company=company,
                    title="Engineer",
                    skills=list(skills),
                    posted_at=at,
                    repost_of_id=repost_of,
                )
                for _ in range(count)
            ]
            session.add_all(rows)
            await session.flush()
            return [r.id for r in rows]

    yield seed
    async with unit_of_work() as session:
        await session.execute(delete(Posting).where(Posting.company == company))


def by_skill(payload: dict) -> dict[str, dict]:
    assert payload["errors"] == [], payload
    return {s["skill"]: s for s in payload["skillSnapshot"]["skills"]}


class TestSnapshotMarketDemand:
    async def test_share_and_trend_come_from_the_postings_of_the_snapshots_window(self, client, postings):
        # given a snapshot on 2001-06-30 (UTC): window (2001-04-02, 2001-07-01], the one before (2001-01-01, 2001-04-02]
        user = await signed_up(client)
        current, previous = datetime(2001, 5, 15, 12, tzinfo=UTC), datetime(2001, 2, 15, 12, tzinfo=UTC)
        await postings(current, ["Python", "PostgreSQL"], 10)
        [first, *_] = await postings(current, ["Python"], 6)
        await postings(current, ["PostgreSQL", "postgres"], 4)  # one posting, two spellings: counted once
        await postings(current, ["Java"], 20)
        await postings(current, ["Python"], 3, repost_of=first)  # reposts repeat a counted posting
        await postings(previous, ["Python"], 10)
        await postings(previous, ["Java"], 15)
        await postings(datetime(2000, 12, 31, 12, tzinfo=UTC), ["Python"], 5)  # before both windows
        await postings(datetime(2001, 7, 1, 0, 0, 1, tzinfo=UTC), ["Python"], 5)  # after the snapshot's day
        # when
        payload = (
            await user.gql(
                TAKE,
                {
                    "input": {
                        "takenOn": "2001-06-30",
                        "skills": [
                            {"skill": "python", "proficiency": 0.8},
                            {"skill": "postgres", "proficiency": 0.5},
                            {"skill": "Rust", "proficiency": 0.2},
                            {"skill": "Cooking", "proficiency": 0.9, "marketDemand": 0.9},
                        ],
                    }
                },
            )
        )["skillSnapshotTake"]
        # then: 40 postings now (16 Python, 14 PostgreSQL), 25 before (10 Python)
        skills = by_skill(payload)
        assert (
            skills["Python"]["marketDemand"],
            skills["PostgreSQL"]["marketDemand"],
            skills["Rust"]["marketDemand"],
        ) == (0.4, 0.35, 0.0)
        assert skills["Python"]["marketDemandNote"] == {
            "share": 0.4,
            "trendPercent": 60.0,
            "trend": "up",
            "mentions": 16,
            "postings": 40,
            "windowDays": 90,
            "asOf": "2001-07-01T00:00:00+00:00",
            "sufficient": True,
            "lowConfidence": False,
            "message": None,
            "sentence": "Python is in 40% of the 40 postings of the last 90 days (16), up 60% on the 90 days before (10).",
        }
        postgres = skills["PostgreSQL"]["marketDemandNote"]
        assert (postgres["mentions"], postgres["trendPercent"], postgres["trend"], postgres["lowConfidence"]) == (
            14,
            None,
            "new",
            True,
        )
        assert postgres["sentence"] == (
            "PostgreSQL is in 35% of the 40 postings of the last 90 days (14), new: none in the 90 days before "
            "(low confidence: few mentions)."
        )
        assert (skills["Rust"]["marketDemandNote"]["mentions"], skills["Rust"]["marketDemandNote"]["trend"]) == (
            0,
            "none",
        )

    async def test_a_list_without_the_notes_shows_the_same_demand_and_gaps(self, client, postings):
        # given a snapshot with computed demands (Python; Rust, never mentioned), a given one (Cooking), a given gap
        user = await signed_up(client)
        await postings(datetime(2004, 5, 15, 12, tzinfo=UTC), ["Python"], 12)
        await postings(datetime(2004, 5, 15, 12, tzinfo=UTC), ["Java"], 18)
        skills = [
            {"skill": "Python", "proficiency": 0.3},
            {"skill": "Cooking", "proficiency": 0.9, "marketDemand": 0.15},
            {"skill": "Rust", "proficiency": 0.2, "gap": 0.25},
        ]
        by_skill((await user.gql(TAKE, {"input": {"takenOn": "2004-06-30", "skills": skills}}))["skillSnapshotTake"])
        listed = "query { viewer { skillSnapshots(first: 5) { edges { node { skills { skill marketDemand gap %s } } } } } }"

        async def levels(note: str) -> list[tuple]:
            [edge] = (await user.gql(listed % note))["viewer"]["skillSnapshots"]["edges"]
            return [(s["skill"], s["marketDemand"], s["gap"]) for s in edge["node"]["skills"]]

        # when the list asks for the notes, and when it does not (it then reads them trimmed)
        with_notes, without = await levels("marketDemandNote { share }"), await levels("")
        # then the same demand and gaps
        assert without == with_notes
        assert [(skill, demand) for skill, demand, _ in without] == [("Cooking", 0.15), ("Python", 0.4), ("Rust", 0.0)]
        assert without[2][2] == 0.25

    async def test_a_value_given_by_the_client_is_kept(self, client, postings):
        # given enough postings mentioning Cooking in the snapshot's window
        user = await signed_up(client)
        await postings(datetime(2002, 5, 15, 12, tzinfo=UTC), ["Cooking"], 30)
        # when
        payload = (
            await user.gql(
                TAKE,
                {
                    "input": {
                        "takenOn": "2002-06-30",
                        "skills": [
                            {"skill": "Cooking", "proficiency": 0.9, "marketDemand": 0.15},
                        ],
                    }
                },
            )
        )["skillSnapshotTake"]
        # then
        assert by_skill(payload)["Cooking"]["marketDemand"] == 0.15
        assert by_skill(payload)["Cooking"]["marketDemandNote"] is None

    async def test_too_few_postings_store_no_estimate_and_say_why(self, client, postings):
        # given 19 postings in the window, all mentioning Python
        user = await signed_up(client)
        await postings(datetime(1998, 2, 1, 12, tzinfo=UTC), ["Python"], 19)
        # when
        payload = (
            await user.gql(TAKE, {"input": {"takenOn": "1998-03-15", "skills": [{"skill": "Python", "proficiency": 0.6}]}})
        )["skillSnapshotTake"]
        # then
        python = by_skill(payload)["Python"]
        assert python["marketDemand"] is None
        assert python["marketDemandNote"] == {
            "share": None,
            "trendPercent": None,
            "trend": None,
            "mentions": None,
            "postings": 19,
            "windowDays": 90,
            "asOf": "1998-03-16T00:00:00+00:00",
            "sufficient": False,
            "lowConfidence": False,
            "sentence": None,
            "message": "Not enough postings yet: 19 of 20 needed in the last 90 days",
        }

    async def test_an_edit_computes_demand_for_skills_it_adds(self, client, postings):
        # given a snapshot on 2003-06-30 and 25 postings in its window, 5 mentioning Go
        user = await signed_up(client)
        await postings(datetime(2003, 6, 1, 12, tzinfo=UTC), ["Go"], 5)
        await postings(datetime(2003, 6, 1, 12, tzinfo=UTC), ["Java"], 20)
        taken = (await user.gql(TAKE, {"input": {"takenOn": "2003-06-30", "skills": [{"skill": "Java", "proficiency": 0.5}]}}))[
            "skillSnapshotTake"
        ]
        # when
        payload = (
            await user.gql(
                UPDATE,
                {
                    "input": {
                        "id": taken["skillSnapshot"]["id"],
                        "skills": [
                            {"skill": "Java", "proficiency": 0.6},
                            {"skill": "golang", "proficiency": 0.3},
                        ],
                    }
                },
            )
        )["skillSnapshotUpdate"]
        # then
        skills = by_skill(payload)
        assert (skills["Java"]["marketDemand"], skills["Go"]["marketDemand"]) == (0.8, 0.2)
        assert skills["Go"]["marketDemandNote"]["trend"] == "unknown"
        assert skills["Go"]["marketDemandNote"]["sentence"] == (
            "Go is in 20% of the 25 postings of the last 90 days (5); too few postings in the 90 days before (0) to tell a trend."
        )

    async def test_one_query_over_postings_for_all_skills(self, client, postings):
        # given
        user = await signed_up(client)
        await postings(datetime(2004, 5, 1, 12, tzinfo=UTC), ["Python"], 20)
        skills = [{"skill": name, "proficiency": 0.5} for name in ("Python", "Java", "Go", "Rust", "SQL", "Docker")]
        # when
        async with counting_statements() as statements:
            payload = (await user.gql(TAKE, {"input": {"takenOn": "2004-06-30", "skills": skills}}))["skillSnapshotTake"]
        # then
        assert by_skill(payload)["Python"]["marketDemand"] == 1.0
        assert len([s for s in statements if "postings" in s]) == 1


class TestMarketDemandNote:
    AS_OF = datetime(2025, 1, 1, tzinfo=UTC)

    def test_fewer_mentions_than_before_is_a_fall(self):
        # given 50 postings now (12 mention Kubernetes), 40 before (16)
        counts = PostingCounts(self.AS_OF, 90, 50, 40, {"kubernetes": (12, 16)})
        # when
        note = market_demand("k8s", counts)
        # then
        assert (note.skill, note.share, note.trend_percent, note.trend, note.low_confidence) == (
            "Kubernetes",
            0.24,
            -25.0,
            "down",
            False,
        )
        assert (
            note.sentence
            == "Kubernetes is in 24% of the 50 postings of the last 90 days (12), down 25% on the 90 days before (16)."
        )

    def test_a_small_change_is_flat(self):
        # given 30 mentions now, 29 before
        counts = PostingCounts(self.AS_OF, 90, 100, 100, {"python": (30, 29)})
        # when
        note = market_demand("Python", counts)
        # then
        assert (note.trend_percent, note.trend) == (3.4, "flat")
        assert (
            note.sentence
            == "Python is in 30% of the 100 postings of the last 90 days (30), about as many as in the 90 days before (29)."
        )

    def test_the_note_is_json_safe(self):
        # given
        counts = PostingCounts(self.AS_OF, 90, 3, 0, {})
        # when
        note = to_jsonable(market_demand("Python", counts))
        # then
        assert note["as_of"] == "2025-01-01T00:00:00+00:00" and note["sufficient"] is False and note["share"] is None
