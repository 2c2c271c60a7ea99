from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from tests.support.boards import add_company, finished, greenhouse_feed, refresh, remotive_jobs
from tests.support.graphql import signed_up
from tests.support.jobs import PROFILE_UPDATE, create_application, create_job
from tests.support.servers import json_reply

DEMAND = """
query Demand($skills: [String!], $window: Int!) {
  marketSkillDemand(skills: $skills, windowDays: $window) {
    windowDays asOf skills postings
    weeks { week weekStart postings skills { skill count share } }
    trends { skill previousCount currentCount percentChange status lowConfidence sentence }
  }
}
"""
SALARY = "query Salary($kw: String!) { salaryTrend(roleKeyword: $kw) { month currency median count } }"
GAPS = """
query { viewer { skillGaps(limit: 5) {
  coveragePercent jobsConsidered skillsYouHave
  gaps { skill category frequency coveragePercent trendPercent rankScore nextStep }
} } }
"""
ANALYTICS = """
query { viewer { analytics {
  totals { jobs applications interviews offers }
  byStatus { status count }
  funnel { stage count conversionFromPrevious }
  responseBySource { source applied responses responseRate }
  overallResponseRate
  applicationsPerWeek { week count }
  averageDaysInStage { stage days }
} } }
"""
STATUS = """
mutation Move($input: ApplicationStatusUpdateInput!) {
  applicationStatusUpdate(input: $input) { application { status } errors { field message code } }
}
"""
TODAY = datetime.now(UTC).date()


def days_ago(n: int) -> str:
    return datetime.combine(TODAY - timedelta(days=n), datetime.min.time(), tzinfo=UTC).replace(hour=12).isoformat()


async def run_board(client, board, specs: list[dict]) -> None:
    """Postings reach the market through a real board run (Greenhouse shape, local server)."""
    tag = uuid.uuid4().hex[:8]
    board.route(f"/v1/boards/m-{tag}/jobs", json_reply(greenhouse_feed(tag, f"m-{tag}", specs)))
    user = await signed_up(client)
    run = await finished(user, (await refresh(user, watchedCompanyId=await add_company(user, f"m-{tag}")))["id"])
    assert run["status"] == "COMPLETED" and run["new"] == len(specs), run


def posting(skill: str, days: int, i: int) -> dict:
    return {
        "title": f"{skill} Developer {i}",
        "location": "Remote",
        "published": days_ago(days),
        "content": f"<p>Requirements: {skill}.</p>",
    }


class TestMarketSkillDemand:
    async def test_trend_sentences_and_weekly_counts_from_seeded_postings(self, client, worker, board):
        # given: Elixir in 4 postings 91–180 days ago and 5 in the last 90; Haskell only in 2 older ones
        elixir_days = [100, 120, 150, 170, 1, 10, 20, 40, 80]
        haskell_days = [95, 130]
        specs = [posting("Elixir", d, i) for i, d in enumerate(elixir_days)]
        specs += [posting("Haskell", d, i) for i, d in enumerate(haskell_days)]
        await run_board(client, board, specs)
        user = await signed_up(client)
        # when
        data = (await user.gql(DEMAND, {"skills": ["elixir", "haskell"], "window": 90}))["marketSkillDemand"]
        # then: Elixir (5 − 4) / 4 = +25 %; Haskell (0 − 2) / 2 = −100 %, gone; both under 20 postings
        assert data["asOf"] == TODAY.isoformat() and data["skills"] == ["Elixir", "Haskell"]
        trends = {t["skill"]: t for t in data["trends"]}
        assert trends["Elixir"] == {
            "skill": "Elixir",
            "previousCount": 4,
            "currentCount": 5,
            "percentChange": 25.0,
            "status": "UP",
            "lowConfidence": True,
            "sentence": "Elixir +25% in postings over 90 days, 4 → 5 (low confidence: few postings).",
        }
        assert (trends["Haskell"]["percentChange"], trends["Haskell"]["status"]) == (-100.0, "GONE")
        assert trends["Haskell"]["sentence"] == "Haskell −100% in postings over 90 days, 2 → 0 (low confidence: few postings)."
        # every seeded posting lands in the week of its date; shares are of that week's postings
        weekly = {w["weekStart"]: {s["skill"]: s["count"] for s in w["skills"]} for w in data["weeks"]}
        expected: dict[str, dict[str, int]] = {}
        for skill, days in (("Elixir", elixir_days), ("Haskell", haskell_days)):
            for d in days:
                day = TODAY - timedelta(days=d)
                monday = (day - timedelta(days=day.weekday())).isoformat()
                expected.setdefault(monday, {"Elixir": 0, "Haskell": 0})[skill] += 1
        assert {k: v for k, v in weekly.items() if any(v.values())} == expected
        first, last = (
            date.fromisoformat(data["weeks"][0]["weekStart"]),
            date.fromisoformat(data["weeks"][-1]["weekStart"]),
        )
        assert (last - first).days // 7 + 1 == len(data["weeks"])  # a continuous axis
        for week in data["weeks"]:
            for share in week["skills"]:
                assert share["share"] == (round(100 * share["count"] / week["postings"], 1) if week["postings"] else 0.0)

    async def test_window_must_be_30_90_or_365(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw(DEMAND, {"skills": ["Python"], "window": 45})
        # then
        assert body["errors"][0]["message"] == "windowDays must be 30, 90 or 365"


class TestSalaryTrend:
    async def test_median_annual_salary_per_month_and_currency(self, client, worker, board):
        # given: three USD salaries in one month (one hourly), one USD and one EUR the next month
        tag = uuid.uuid4().hex[:8]
        older = TODAY.replace(day=15) - timedelta(days=62)
        newer = TODAY.replace(day=15) - timedelta(days=31)
        at = lambda d: f"{d.isoformat()}T12:00:00"  # noqa: E731
        specs = [
            {"title": "Zymurgist", "salary": "$100,000 - $120,000", "published": at(older)},
            {"title": "Senior Zymurgist", "salary": "$90,000 - $110,000 per year", "published": at(older)},
            {"title": "Zymurgist (contract)", "salary": "$50 per hour", "published": at(older)},
            {"title": "Lead Zymurgist", "salary": "$130,000", "published": at(newer)},
            {"title": "Zymurgist", "salary": "€60,000 - €80,000", "published": at(newer)},
            {"title": "Brewer", "salary": "$10,000", "published": at(newer)},
        ]
        board.route("/api/remote-jobs", json_reply(remotive_jobs(tag, specs)))
        user = await signed_up(client)
        search = (
            await user.gql(
                """mutation($i: SavedSearchCreateInput!) { savedSearchCreate(input: $i) { savedSearch { id } } }""",
                {"i": {"keywords": ["zymurgist"], "sources": ["REMOTIVE"]}},
            )
        )["savedSearchCreate"]["savedSearch"]
        await finished(user, (await refresh(user, savedSearchId=search["id"]))["id"])
        # when
        points = (await user.gql(SALARY, {"kw": "zymurgist"}))["salaryTrend"]
        # then: midpoints 110,000 / 100,000 / 50*2080 = 104,000 → median 104,000; then 130,000 and €70,000
        assert points == [
            {"month": older.strftime("%Y-%m"), "currency": "USD", "median": 104000.0, "count": 3},
            {"month": newer.strftime("%Y-%m"), "currency": "EUR", "median": 70000.0, "count": 1},
            {"month": newer.strftime("%Y-%m"), "currency": "USD", "median": 130000.0, "count": 1},
        ]


class TestSkillGaps:
    async def test_missing_skills_ranked_by_frequency_times_market_trend(self, client, worker, board):
        # given: Clojure rose in the market from 1 to 2 postings (+100 %); Scala has none
        await run_board(client, board, [posting("Clojure", d, i) for i, d in enumerate([120, 10, 20])])
        user = await signed_up(client)
        await user.gql(PROFILE_UPDATE, {"input": {"skills": ["Python"]}})
        await create_job(user, title="A", techStack=["Python", "Clojure", "Scala"])
        await create_job(user, title="B", techStack=["Clojure"])
        await create_job(user, title="C", techStack=["Scala", "python"])
        # when
        report = (await user.gql(GAPS))["viewer"]["skillGaps"]
        # then: demand Python 2 + Clojure 2 + Scala 2 = 6, you cover 2 → 33.3 %;
        # Clojure 2 × (1 + 100/100) = 4 outranks Scala 2 × (1 + 0) = 2; each is in 2 of 3 jobs = 66.7 %
        assert (report["coveragePercent"], report["jobsConsidered"], report["skillsYouHave"]) == (33.3, 3, ["Python"])
        assert report["gaps"] == [
            {
                "skill": "Clojure",
                "category": "language",
                "frequency": 2,
                "coveragePercent": 66.7,
                "trendPercent": 100.0,
                "rankScore": 4.0,
                "nextStep": "Build a small project in Clojure (a CLI tool or an API) and put it on your portfolio.",
            },
            {
                "skill": "Scala",
                "category": "language",
                "frequency": 2,
                "coveragePercent": 66.7,
                "trendPercent": None,
                "rankScore": 2.0,
                "nextStep": "Build a small project in Scala (a CLI tool or an API) and put it on your portfolio.",
            },
        ]


class TestAnalytics:
    async def test_funnel_conversions_and_response_rate(self, client):
        # given: one offer (via an interview), one rejection, one still applied, one only saved
        user = await signed_up(client)
        offer = await create_application(user, await create_job(user, title="Offer"), status="APPLIED")
        for status in ("INTERVIEW", "OFFER"):
            await user.gql(STATUS, {"input": {"id": offer["application"]["id"], "status": status}})
        rejected = await create_application(user, await create_job(user, title="Rejected"), status="APPLIED")
        await user.gql(STATUS, {"input": {"id": rejected["application"]["id"], "status": "REJECTED"}})
        await create_application(user, await create_job(user, title="Waiting"), status="APPLIED")
        await create_application(user, await create_job(user, title="Saved"))
        await create_job(user, title="Not on the board")
        # when
        data = (await user.gql(ANALYTICS))["viewer"]["analytics"]
        # then: applied 3 → interview 1 (33.3 %) → offer 1 (100 %) → accepted 0 (0 %);
        # responses: the offer and the rejection, 2 of 3 applied = 66.7 %
        assert data["totals"] == {"jobs": 5, "applications": 3, "interviews": 1, "offers": 1}
        assert data["byStatus"] == [
            {"status": "applied", "count": 1},
            {"status": "interested", "count": 1},
            {"status": "offer", "count": 1},
            {"status": "rejected", "count": 1},
        ]
        assert data["funnel"] == [
            {"stage": "applied", "count": 3, "conversionFromPrevious": None},
            {"stage": "interview", "count": 1, "conversionFromPrevious": 33.3},
            {"stage": "offer", "count": 1, "conversionFromPrevious": 100.0},
            {"stage": "accepted", "count": 0, "conversionFromPrevious": 0.0},
        ]
        assert data["responseBySource"] == [{"source": "manual", "applied": 3, "responses": 2, "responseRate": 66.7}]
        assert data["overallResponseRate"] == 66.7
        iso = TODAY.isocalendar()
        assert data["applicationsPerWeek"] == [{"week": f"{iso[0]}-W{iso[1]:02d}", "count": 3}]
        assert [s["stage"] for s in data["averageDaysInStage"]] == ["saved", "applied", "interview", "offer"]
