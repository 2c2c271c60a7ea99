from __future__ import annotations

from tests.support.graphql import signed_up
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
