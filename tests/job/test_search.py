from __future__ import annotations

import base64
import re

from tests.support.graphql import db_id, signed_up
from tests.support.jobs import create_job

SEARCH = """
query Search($filter: JobFilter, $order: JobOrder!) {
  jobs(first: 20, filter: $filter, orderBy: $order) { totalCount edges { node { title company } } }
}
"""


async def search(user, text: str, order: str = "RELEVANCE", **extra) -> list[str]:
    data = (await user.gql(SEARCH, {"filter": {"text": text, **extra}, "order": order}))["jobs"]
    return [e["node"]["title"] for e in data["edges"]]


async def user_with_jobs(client):
    user = await signed_up(client)
    await create_job(
        user,
        company="Initech",
        title="Kubernetes Platform Engineer",
        location="Berlin",
        description="Operate clusters.",
    )
    await create_job(
        user,
        company="Globex",
        title="Backend Developer",
        location="Remote",
        description="Our services run on Kubernetes; you will write Go and Python.",
    )
    await create_job(
        user,
        company="Umbrella Corporation",
        title="Data Analyst",
        location="Paris",
        description="Dashboards and SQL reports for the analytics team.",
    )
    await create_job(
        user,
        company="Hooli",
        title="Staff Engineer",
        location="Zurich",
        requirements="Mentoring engineers; systems design.",
    )
    return user


class TestJobsFullTextSearch:
    async def test_ranks_title_matches_above_description_matches(self, client):
        # given
        user = await user_with_jobs(client)
        # when
        titles = await search(user, "kubernetes")
        # then: the title (weight A) outranks the description (weight D)
        assert titles == ["Kubernetes Platform Engineer", "Backend Developer"]

    async def test_stems_and_web_search_syntax(self, client):
        # given
        user = await user_with_jobs(client)
        # when
        stemmed = await search(user, "reporting dashboard")
        excluded = await search(user, "kubernetes -go")
        in_requirements = await search(user, "mentor")
        # then
        assert stemmed == ["Data Analyst"]
        assert excluded == ["Kubernetes Platform Engineer"]
        assert in_requirements == ["Staff Engineer"]

    async def test_a_typo_in_a_title_or_company_still_finds_the_job(self, client):
        # given
        user = await user_with_jobs(client)
        # when
        kubernetes = await search(user, "Kubernetis")
        umbrella = await search(user, "Umbrela")
        # then: trigram word similarity on title and company
        assert kubernetes == ["Kubernetes Platform Engineer"]
        assert umbrella == ["Data Analyst"]

    async def test_text_combines_with_the_other_filters_and_orders(self, client):
        # given
        user = await user_with_jobs(client)
        # when
        newest = await search(user, "kubernetes", order="NEWEST")
        discovered_only = await search(user, "kubernetes", origin="DISCOVERED")
        # then
        assert newest == ["Backend Developer", "Kubernetes Platform Engineer"]
        assert discovered_only == []

    async def test_a_skill_alias_finds_its_canonical_name(self, client):
        # given: "Kubernetes" is written out in both jobs
        user = await user_with_jobs(client)
        # when
        titles = await search(user, "k8s")
        # then
        assert titles == ["Kubernetes Platform Engineer", "Backend Developer"]


class TestSearchCountsUpToACap:
    COUNTED = """
    query Counted($text: String!, $after: String) {
      jobs(first: 20, after: $after, filter: {text: $text}) {
        totalCount totalCountIsEstimate pageInfo { hasNextPage endCursor } edges { node { title } }
      }
    }
    """

    async def test_a_search_within_the_cap_is_counted_exactly(self, client):
        # given
        user = await user_with_jobs(client)
        # when
        jobs = (await user.gql(self.COUNTED, {"text": "kubernetes"}))["jobs"]
        # then
        assert (jobs["totalCount"], jobs["totalCountIsEstimate"], jobs["pageInfo"]["hasNextPage"]) == (2, False, False)

    async def test_a_search_past_the_cap_answers_an_estimate_and_a_next_page(self, client):
        # given: 1,050 jobs the word finds, statistics up to date
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        await seed_jobs(user_id, "Kubernetes Engineer", 1050)
        # when
        try:
            jobs = (await user.gql(self.COUNTED, {"text": "kubernetes"}))["jobs"]
        finally:
            await delete_jobs(user_id)
        # then: more than the 1,000 counted, flagged as the planner's estimate, and the first 20 of them
        assert jobs["totalCountIsEstimate"] is True
        assert jobs["totalCount"] > 1000
        assert jobs["pageInfo"]["hasNextPage"] is True
        assert len(jobs["edges"]) == 20

    async def test_a_page_past_the_cap_is_counted_exactly_to_its_end(self, client):
        # given: 1,050 matches, and the cursor of the 1,040th
        user = await signed_up(client)
        user_id = db_id(user.user_id)
        await seed_jobs(user_id, "Kubernetes Engineer", 1050)
        after = base64.b64encode(b"offset:1039").decode()
        # when
        try:
            jobs = (await user.gql(self.COUNTED, {"text": "kubernetes", "after": after}))["jobs"]
        finally:
            await delete_jobs(user_id)
        # then: the count runs past the page's end (the last ten), so it is exact again
        assert (jobs["totalCount"], jobs["totalCountIsEstimate"], len(jobs["edges"])) == (1050, False, 10)
        assert jobs["pageInfo"]["hasNextPage"] is False


async def seed_jobs(user_id: int, title: str, count: int) -> None:
    """`count` jobs titled `title` for the user in one statement, and fresh statistics."""
    from sqlalchemy import text

    from api.db import unit_of_work

    async with unit_of_work() as session:
        await session.execute(
            text(
                "WITH seeded AS (INSERT INTO jobs (user_id, company, title, location, description) "
                "SELECT :user_id, 'Company ' || g, :title, 'Berlin', '' FROM generate_series(1, :count) AS g RETURNING id, user_id) "
                "INSERT INTO job_scores (job_id, user_id, score, scored_at) SELECT id, user_id, id % 101, now() FROM seeded"
            ),
            {"user_id": user_id, "title": title, "count": count},
        )
        await session.execute(text("ANALYZE jobs"))


async def delete_jobs(user_id: int) -> None:
    from sqlalchemy import text

    from api.db import unit_of_work

    async with unit_of_work() as session:
        await session.execute(text("DELETE FROM jobs WHERE user_id = :user_id"), {"user_id": user_id})


class TestSearchBounds:
    async def test_text_over_the_length_limit_is_a_clear_error_on_the_field(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw(SEARCH, {"filter": {"text": "a" * 201}, "order": "RELEVANCE"})
        # then
        assert body["data"] is None
        assert body["errors"][0]["message"] == "Search text must be at most 200 characters"
        assert body["errors"][0]["path"] == ["jobs"]

    async def test_a_negative_minimum_score_is_a_clear_error_naming_the_field(self, client):
        # given
        user = await signed_up(client)
        # when
        body = await user.raw(SEARCH, {"filter": {"minScore": -5}, "order": "SCORE"})
        # then: refused, not silently read as "any score"
        assert body["data"] is None
        assert body["errors"][0]["message"] == "minScore: the minimum score must be between 0 and 100"

    async def test_text_with_too_many_operators_is_a_clear_error(self, client):
        # given: short, but nothing but OR, quotes and exclusions
        user = await signed_up(client)
        text = " OR ".join(f'"a{i}" -b{i}' for i in range(8))
        # when
        body = await user.raw(SEARCH, {"filter": {"text": text}, "order": "RELEVANCE"})
        # then
        assert body["errors"][0]["message"] == "Search text may use at most 20 operators (quotes, OR, -)"

    async def test_operator_soup_at_the_limits_answers_without_an_internal_error(self, client):
        # given: what websearch_to_tsquery must read as plain words (unbalanced quotes, stray signs)
        user = await user_with_jobs(client)
        text = '"kubernetes -(a|b)&!c:* <-> OR OR - "" \\ ' + "(" * 60
        # when
        body = await user.raw(SEARCH, {"filter": {"text": text[:200]}, "order": "RELEVANCE"})
        # then
        assert "errors" not in body, body
        assert isinstance(body["data"]["jobs"]["totalCount"], int)


SEED_JOBS = """
WITH seeded AS (
    INSERT INTO jobs (user_id, company, title, location, description)
    SELECT :user_id, 'Company ' || (g % 700), 'Engineer ' || (g % 300), 'Berlin',
           'skill' || (g % 400) || ' tool' || (g * 7 % 500) || ' team' || (g * 13 % 600)
    FROM generate_series(1, 10000) AS g
    RETURNING id, user_id
)
INSERT INTO job_scores (job_id, user_id, score, scored_at) SELECT id, user_id, id % 101, now() FROM seeded
"""


def executed_scans(plan: str) -> list[str]:
    """The scans of an EXPLAIN ANALYZE plan that ran (a branch gated off shows "never executed")."""
    return [line.strip() for line in plan.splitlines() if "Scan" in line and "never executed" not in line]


def rows_read(scan: str) -> int:
    """The rows an executed scan of an EXPLAIN ANALYZE plan returned."""
    found = re.search(r"actual time=\S+ rows=(\d+)", scan)
    assert found, scan
    return int(found.group(1))


class TestSearchUsesItsIndexes:
    @staticmethod
    async def plans(user, text: str) -> tuple[list[str], list[str], int]:
        """The titles the API finds for `text`, PostgreSQL's EXPLAIN ANALYZE of exactly the search
        statements it ran (sequential scans off: the test table is small next to a real one), and
        how many estimates (EXPLAIN statements of its own) it asked for."""
        from api.db import sessionmaker
        from tests.support.statements import recording_statements

        async with recording_statements() as statements:
            titles = await search(user, text, order="SCORE")
        plans = []
        async with sessionmaker()() as session:  # a transaction, for SET LOCAL (read sessions are autocommit)
            connection = await session.connection()
            await connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            for sql, params in statements:
                if ("search_vector" in sql or "%>" in sql) and not sql.startswith("EXPLAIN"):
                    result = await connection.exec_driver_sql("EXPLAIN ANALYZE " + sql, params)
                    plans.append("\n".join(row[0] for row in result))
        return titles, plans, sum(sql.startswith("EXPLAIN") for sql, _ in statements)

    @staticmethod
    async def seeded(client):
        """A person with ten thousand scored engineer jobs and one about zymurgy, statistics up to date."""
        from sqlalchemy import text

        from api.db import unit_of_work

        user = await signed_up(client)
        await create_job(user, title="Zymurgist", company="Brewery", description="Fermentation and zymurgy.")
        async with unit_of_work() as session:
            await session.execute(text(SEED_JOBS), {"user_id": db_id(user.user_id)})
            for index in ("ix_jobs_search_vector", "ix_jobs_title_trgm", "ix_jobs_company_trgm"):
                # what autovacuum does: fold the GIN pending list of the bulk insert into the index
                await session.execute(text("SELECT gin_clean_pending_list(CAST(:index AS regclass))"), {"index": index})
            await session.execute(text("ANALYZE jobs"))
            await session.execute(text("ANALYZE job_scores"))
        return user

    async def test_a_word_with_few_matches_reads_them_on_the_full_text_index(self, client):
        # given
        user = await self.seeded(client)
        # when
        try:
            titles, plans, estimates = await self.plans(user, "zymurgy")
        finally:
            await delete_jobs(db_id(user.user_id))
        # then: the page with its total in one statement, the matches read on the GIN index (once
        # counted, once ordered), the score index never walked, no typo matching
        assert titles == ["Zymurgist"]
        assert (len(plans), estimates) == (1, 0)
        scans = executed_scans(plans[0])
        assert sum("Bitmap Index Scan on ix_jobs_search_vector" in s for s in scans) == 2, plans[0]
        assert not any("ix_job_scores_user_id_score_job_id" in s or "Seq Scan" in s for s in scans), plans[0]
        assert "%>" not in plans[0]

    async def test_a_word_past_the_cap_walks_the_score_index_to_its_page(self, client):
        # given: "engineer" is in all ten thousand titles
        user = await self.seeded(client)
        # when
        try:
            titles, plans, estimates = await self.plans(user, "engineer")
        finally:
            await delete_jobs(db_id(user.user_id))
        # then: one statement and the planner's estimate; counted on an index up to the cap, the page
        # read in score order from the score index: about the page's rows, no table read of all matches
        assert len(titles) == 20
        assert (len(plans), estimates) == (1, 1)
        scans = executed_scans(plans[0])
        (walk,) = [s for s in scans if "Index Only Scan Backward using ix_job_scores_user_id_score_job_id" in s]
        assert rows_read(walk) < 100, walk
        assert not any("Seq Scan" in s for s in scans), plans[0]
        assert max(rows_read(s) for s in scans if "Bitmap Index Scan" not in s) <= 1001, plans[0]

    async def test_a_typo_reads_the_trigram_indexes_once_full_text_finds_nothing(self, client):
        # given
        user = await self.seeded(client)
        # when
        try:
            titles, plans, _ = await self.plans(user, "Zymurgest")
        finally:
            await delete_jobs(db_id(user.user_id))
        # then: full text first (an empty page), then the trigram indexes of title and company
        assert titles == ["Zymurgist"]
        assert len(plans) == 2
        assert "%>" not in plans[0]
        scans = executed_scans(plans[1])
        assert any(re.search(r"Bitmap Index Scan on ix_jobs_title_trgm .*\(actual time", s) for s in scans), scans
        assert any(re.search(r"Bitmap Index Scan on ix_jobs_company_trgm .*\(actual time", s) for s in scans), scans
        assert not any("Seq Scan" in s for s in scans), scans


SEED_MANY = """
WITH seeded AS (
    INSERT INTO jobs (user_id, company, title, location, description)
    SELECT :user_id, 'Company ' || g, CASE WHEN g % 5 = 0 THEN 'Data Analyst' ELSE 'Kubernetes Engineer' END, 'Berlin', ''
    FROM generate_series(1, 1400) AS g
    RETURNING id, user_id, title
)
INSERT INTO job_scores (job_id, user_id, score, scored_at)
SELECT id, user_id, CASE WHEN title = 'Data Analyst' THEN 100 ELSE id % 101 END, now() FROM seeded WHERE id % 10 <> 0
"""


class TestSearchPastTheCapPagesInOrder:
    """More matches than the count's cap: the page walks the order's index (tests/job: the plans);
    here, that it is the same page a full sort gives, scored first, then the unscored ones."""

    IDS = """
    query Ids($filter: JobFilter, $order: JobOrder!, $after: String) {
      jobs(first: 20, after: $after, filter: $filter, orderBy: $order) { totalCount edges { node { id } } }
    }
    """

    @staticmethod
    async def seeded(client):
        """A person with 1,120 Kubernetes jobs (one in ten unscored, scores tied) among 280 better-scored others."""
        from sqlalchemy import text

        from api.db import unit_of_work
        from tests.support.waiting import worker_idle

        user = await signed_up(client)
        await worker_idle()  # the sign-up's own jobs (scoring the person's jobs) done before the seed
        async with unit_of_work() as session:
            await session.execute(text(SEED_MANY), {"user_id": db_id(user.user_id)})
            await session.execute(text("ANALYZE jobs"))
            await session.execute(text("ANALYZE job_scores"))
        return user

    @staticmethod
    async def expected(user, order: str, offset: int, min_score: int = -1) -> list[int]:
        """The page by a full sort of every matching job."""
        from sqlalchemy import text

        from api.db import read_session

        by = "s.score DESC NULLS LAST, j.id DESC" if order == "SCORE" else "j.created_at DESC, j.id DESC"
        query = (
            "SELECT j.id FROM jobs j LEFT JOIN job_scores s ON s.job_id = j.id "
            "WHERE j.user_id = :user_id AND j.title = 'Kubernetes Engineer' AND coalesce(s.score, -1) >= :min_score "
            f"ORDER BY {by} OFFSET :offset LIMIT 20"
        )
        async with read_session() as session:
            params = {"user_id": db_id(user.user_id), "min_score": min_score, "offset": offset}
            return list((await session.execute(text(query), params)).scalars())

    async def page(self, user, order: str, offset: int, **extra) -> tuple[int, list[int]]:
        after = base64.b64encode(f"offset:{offset - 1}".encode()).decode() if offset else None
        variables = {"filter": {"text": "kubernetes", **extra}, "order": order, "after": after}
        try:
            jobs = (await user.gql(self.IDS, variables))["jobs"]
        finally:
            await delete_jobs(db_id(user.user_id))
        return jobs["totalCount"], [db_id(e["node"]["id"]) for e in jobs["edges"]]

    async def test_the_first_page_by_score_is_the_best_scored_matches(self, client):
        # given
        user = await self.seeded(client)
        expected = await self.expected(user, "SCORE", 0)
        # when
        total, ids = await self.page(user, "SCORE", 0)
        # then: past the cap (an estimate), and none of the better-scored jobs that do not match
        assert total > 1000
        assert ids == expected and len(ids) == 20

    async def test_a_page_where_the_scored_matches_end_goes_on_with_the_unscored(self, client):
        # given: 1,008 scored matches; the page of the 1,001st to the 1,020th
        user = await self.seeded(client)
        expected = await self.expected(user, "SCORE", 1000)
        # when
        total, ids = await self.page(user, "SCORE", 1000)
        # then: counted past the page's end (the planner's estimate beyond it)
        assert total > 1020
        assert ids == expected and len(ids) == 20

    async def test_a_page_of_only_unscored_matches(self, client):
        # given
        user = await self.seeded(client)
        expected = await self.expected(user, "SCORE", 1060)
        # when
        total, ids = await self.page(user, "SCORE", 1060)
        # then: counted past the page's end (the planner's estimate beyond it)
        assert total > 1020
        assert ids == expected and len(ids) == 20

    async def test_a_minimum_score_leaves_out_the_unscored(self, client):
        # given
        user = await self.seeded(client)
        expected = await self.expected(user, "SCORE", 0, min_score=10)
        # when
        _, ids = await self.page(user, "SCORE", 0, minScore=10)
        # then
        assert ids == expected and len(ids) == 20

    async def test_the_newest_first(self, client):
        # given
        user = await self.seeded(client)
        expected = await self.expected(user, "NEWEST", 0)
        # when
        _, ids = await self.page(user, "NEWEST", 0)
        # then
        assert ids == expected and len(ids) == 20
