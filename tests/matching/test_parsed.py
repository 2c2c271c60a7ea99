"""Parsed requirements cached on the job row: reused while the text is unchanged, never once the
text, the taxonomy or the parser version changes; score_breakdown keeps only what is served."""

from __future__ import annotations

from sqlalchemy import text

from api.db import read_session
from api.graphql.relay import decode_id
from api.matching import parsed
from api.matching.repository import INPUTS_DIGEST
from api.matching.requirements import split_requirements
from api.matching.score import MatchProfile, Weights
from api.matching.scoring import Scorer
from api.models import Job
from api.skill.taxonomy import default_taxonomy
from tests.support.jobs import create_job
from tests.support.matching import FULL_STACK_JOB, profiled_user, scored

TEXT = {
    "title": "Senior Python Engineer",
    "description": "Requirements: Python, PostgreSQL and Kubernetes, 5+ years. Nice to have: Go and Terraform.",
    "requirements": "",
    "tech_stack": ["Docker"],
}
JOB_UPDATE = """
mutation Update($input: JobUpdateInput!) {
  jobUpdate(input: $input) { job { id } errors { field message code } }
}
"""


def scorer(taxonomy=None) -> Scorer:
    return Scorer(
        profile=MatchProfile(skills=["Python", "PostgreSQL"], preferred_locations=["Berlin"], experience_level="senior"),
        weights=Weights(),
        taxonomy=taxonomy or default_taxonomy(),
    )


def job(**changes) -> Job:
    fields = {**TEXT, **changes}
    return Job(user_id=1, company="Acme", location="Berlin, Germany", remote_option=None, **fields)


def fp(tx=None, **changes) -> str:
    fields = {**TEXT, **changes}
    return parsed.cache_key(
        fields["title"], fields["description"], fields["requirements"], fields["tech_stack"], tx or default_taxonomy()
    )


DIGEST_OF = text(
    f"""
    SELECT {INPUTS_DIGEST} FROM (
        SELECT CAST(:title AS text) AS title, CAST(:description AS text) AS description,
               CAST(:requirements AS text) AS requirements, CAST(:tech_stack AS text[]) AS tech_stack
    ) AS j
    """
)


async def digests_in_postgresql(cases: list[tuple]) -> list[str]:
    """`INPUTS_DIGEST` of each (title, description, requirements, tech stack) as PostgreSQL computes it."""
    fields = ("title", "description", "requirements", "tech_stack")
    async with read_session() as session:
        return [(await session.execute(DIGEST_OF, dict(zip(fields, case, strict=True)))).scalar_one() for case in cases]


class TestRequirementsDict:
    def test_round_trip_keeps_what_scoring_reads(self):
        # given
        req = split_requirements(TEXT["description"], "", TEXT["tech_stack"], TEXT["title"])
        # when
        back = parsed.requirements_from_dict(parsed.requirements_to_dict(req))
        # then
        assert (back.must_have, back.nice_to_have, back.years_min, back.years_max, back.seniority) == (
            ["Python", "PostgreSQL", "Kubernetes"],
            ["Go", "Terraform"],
            5,
            None,
            "senior",
        )
        assert back.mentioned == ["Docker"] and back.to_dict() == {**req.to_dict(), "details": []}
        assert (back.must_have, back.nice_to_have, back.years_min, back.years_max, back.seniority) == (
            req.must_have,
            req.nice_to_have,
            req.years_min,
            req.years_max,
            req.seniority,
        )


class TestCacheKey:
    def test_same_text_same_key(self):
        # given / when / then
        assert fp() == fp() == fp(tech_stack=list(TEXT["tech_stack"]))

    def test_every_text_field_changes_it(self):
        # given
        base = fp()
        # when
        changed = [
            fp(title="Junior Python Engineer"),
            fp(description=TEXT["description"] + " Rust is a plus."),
            fp(requirements="Java required."),
            fp(tech_stack=["Docker", "Rust"]),
        ]
        # then
        assert len({base, *changed}) == 5

    def test_fields_do_not_run_into_each_other(self):
        # given / when / then: the same characters split differently between fields differ
        assert fp(description="Python", requirements="Go") != fp(description="PythonGo", requirements="")

    def test_a_user_skill_changes_it(self):
        # given
        extended = default_taxonomy().with_extra([{"name": "Acme Flow", "aliases": ["AcmeFlow"]}])
        # when / then
        assert fp(extended) != fp()

    async def test_postgresql_computes_the_same_digest(self, client):
        # given: text in several scripts, an empty and a missing field, a tech stack
        cases = [
            ("Développeur Python (m/w/d)", "Erfahrung mit Größen: 日本語 ✓\n- Kafka", "", ["Go", "C++", "Node.js"]),
            ("Engineer", "", "Java required.", []),
            ("Ops", "a", None, ["", "Terraform"]),
        ]
        # when
        in_sql = await digests_in_postgresql(cases)
        # then
        assert in_sql == [parsed.inputs_digest(*case) for case in cases]

    def test_a_new_parser_version_changes_it(self, monkeypatch):
        # given
        before = fp()
        # when
        monkeypatch.setattr(parsed, "PARSER_VERSION", parsed.PARSER_VERSION + 1)
        # then
        assert fp() != before


class TestCached:
    def test_matching_key_gives_the_parse(self):
        # given
        req = split_requirements(TEXT["description"], "", TEXT["tech_stack"], TEXT["title"])
        # when
        hit = parsed.cached(parsed.requirements_to_dict(req, 14), fp(), fp())
        # then
        assert hit is not None and hit[0].must_have == req.must_have and hit[1] == 14

    def test_stale_missing_or_malformed_entries_are_ignored(self):
        # given
        parse = split_requirements(TEXT["description"], "", TEXT["tech_stack"], TEXT["title"])
        req = parsed.requirements_to_dict(parse, 14)
        # when / then
        assert parsed.cached(parsed.requirements_to_dict(parse), fp(), fp()) is None  # no word count
        assert parsed.cached(req, fp(title="Junior Python Engineer"), fp()) is None
        assert parsed.cached(req, None, fp()) is None
        assert parsed.cached(None, fp(), fp()) is None
        assert parsed.cached("junk", fp(), fp()) is None  # type: ignore[arg-type]


class TestScorerCache:
    def test_scoring_keeps_the_parse_on_the_job(self):
        # given
        row = job()
        # when
        breakdown = scorer().score_and_cache(row)
        # then
        assert breakdown.parts["skills"].must_have == ["Python", "PostgreSQL", "Kubernetes"]
        assert row.parsed_requirements_key == fp()
        assert row.parsed_requirements["must_have"] == ["Python", "PostgreSQL", "Kubernetes"]
        assert row.parsed_requirements["mentioned"] == ["Docker"]

    def test_unchanged_text_reuses_the_stored_parse(self):
        # given: a stored parse under the job's current key that says "Rust" only
        row = job()
        planted = split_requirements("Rust required.", "", [], "")
        row.parsed_requirements, row.parsed_requirements_key = parsed.requirements_to_dict(planted, 14), fp()
        # when
        breakdown = scorer().score_and_cache(row)
        # then: the text was not parsed again
        assert breakdown.parts["skills"].must_have == ["Rust"]

    def test_cached_and_fresh_scores_are_identical(self):
        # given
        row = job()
        first = scorer().score_and_cache(row).to_dict()
        # when
        second = scorer().score_and_cache(row).to_dict()
        # then
        assert second == first

    def test_edited_text_is_parsed_again(self):
        # given: scored once, then the description changes
        row = job()
        scorer().score_and_cache(row)
        row.description = "Requirements: Rust and Kafka."
        # when
        breakdown = scorer().score_and_cache(row)
        # then: the same as a job never scored before
        assert breakdown.to_dict() == scorer().score(job(description="Requirements: Rust and Kafka.")).to_dict()
        # (the title "Senior Python Engineer" names Python: a must-have too)
        assert breakdown.parts["skills"].must_have == ["Python", "Rust", "Apache Kafka"]
        assert breakdown.parts["skills"].mentioned == ["Docker"]
        assert row.parsed_requirements_key == fp(description="Requirements: Rust and Kafka.")

    def test_a_new_user_skill_is_parsed_again(self):
        # given: scored with the built-in taxonomy
        row = job(description="Requirements: Python and AcmeFlow experience.")
        scorer().score_and_cache(row)
        extended = default_taxonomy().with_extra([{"name": "Acme Flow", "aliases": ["AcmeFlow"]}])
        # when
        breakdown = scorer(extended).score_and_cache(row)
        # then
        assert breakdown.parts["skills"].must_have == ["Python", "Acme Flow"]


class TestRescoreAfterTextChange:
    async def test_an_edited_job_is_scored_from_its_new_text(self, client, worker):
        # given: scored (and its parse cached) with must-haves Python, PostgreSQL, Kubernetes
        user = await profiled_user(client)
        job_id = await create_job(user, **FULL_STACK_JOB)
        await scored(user, job_id, 79)
        # when: the description now asks for Python and PostgreSQL only
        payload = await user.gql(JOB_UPDATE, {"input": {"id": job_id, "description": "Requirements: Python and PostgreSQL."}})
        # then: skills 100 → 0.5*100 + 30 + 20 = 100
        assert payload["jobUpdate"]["errors"] == []
        node = await scored(user, job_id, 100)
        assert node["scoreBreakdown"]["missingMustHave"] == []

    async def test_rescoring_every_job_ignores_a_parse_of_older_text(self, client, worker):
        # given: scored and cached, then the text changes without the job being scored again
        from sqlalchemy import update

        from api.db import unit_of_work
        from api.matching.tasks import jobs_rescore_for_user

        user = await profiled_user(client)
        job_id = await create_job(user, **FULL_STACK_JOB)
        await scored(user, job_id, 79)
        row_id = decode_id(job_id, "Job")
        async with unit_of_work() as session:
            await session.execute(update(Job).where(Job.id == row_id).values(description="Requirements: Rust and Kafka."))
            user_id = (await session.get(Job, row_id)).user_id
        # when
        count = await jobs_rescore_for_user({}, user_id)
        # then: must-haves Python (the title), Rust, Kafka: skills 1 of 3 → 0.5*33 + 30 + 20 = 66.5 → 67
        assert count == 1
        node = await scored(user, job_id, 67)
        assert node["scoreBreakdown"]["missingMustHave"] == ["Rust", "Apache Kafka"]
