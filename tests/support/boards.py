"""Job-board feeds for API and browser tests, built from the recorded payloads in
tests/fixtures/job-boards so the real adapters parse the real shapes.

Postings are global (shared by all users for market statistics), so each test gets its own
copy: ids, URLs and company names carry a per-test tag, which keeps the de-duplicator from
matching postings another test ingested.
"""

from __future__ import annotations

import copy
import html
import json
import zlib
from pathlib import Path
from typing import Any

from tests.support.waiting import eventually

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "job-boards"


def load(relative: str) -> Any:
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


def _number(tag: str, index: int) -> int:
    return 7_000_000_000 + (zlib.crc32(tag.encode()) % 1_000_000) * 100 + index


def greenhouse_feed(tag: str, token: str, jobs: list[dict] | None = None) -> dict:
    """The recorded Vercel board (or `jobs`: title/location/content/published overrides applied to
    copies of its first job), re-tagged for this test. Contents are HTML, escaped as Greenhouse does."""
    recorded = load("greenhouse/hunt_vercel_jobs_content.json")
    company = f"Vercel {tag}"
    if jobs is None:
        items = copy.deepcopy(recorded["jobs"])
    else:
        items = []
        for spec in jobs:
            item = copy.deepcopy(recorded["jobs"][0])
            item["title"] = spec["title"]
            item["location"] = {"name": spec.get("location", "Remote")}
            item["offices"] = []
            if "content" in spec:
                item["content"] = html.escape(spec["content"])
            if "published" in spec:
                item["first_published"] = spec["published"]
            items.append(item)
    for index, item in enumerate(items):
        number = _number(tag, index)
        item["id"] = number
        item["internal_job_id"] = number
        item["company_name"] = company
        item["absolute_url"] = f"https://job-boards.greenhouse.io/{token}/jobs/{number}"
    return {"jobs": items, "meta": {"total": len(items)}}


def remotive_feed(tag: str) -> dict:
    recorded = load("remotive/hunt_remote_jobs.json")
    items = copy.deepcopy(recorded["jobs"])
    for index, item in enumerate(items):
        number = _number(tag, index)
        item["id"] = str(number)
        item["company_name"] = f"{item['company_name']} {tag}"
        item["url"] = f"{item['url']}-{tag}"
    return {"jobs": items}


ENGINEERING_JOBS = [
    {
        "title": "Senior Python Engineer",
        "location": "Remote",
        "content": "<h2>About the role</h2><p>You will build our APIs in Python and PostgreSQL, deployed on "
        "Kubernetes.</p><h3>Requirements</h3><ul><li>5+ years with Python</li><li>PostgreSQL</li>"
        "<li>Kubernetes and Docker</li></ul><h3>Nice to have</h3><ul><li>Go</li><li>Terraform</li></ul>",
    },
    {
        "title": "Senior Platform Engineer",
        "location": "Remote",
        "content": "<h2>About the role</h2><p>Run our platform on AWS.</p><h3>Requirements</h3><ul>"
        "<li>Kubernetes</li><li>Terraform</li><li>AWS</li><li>Python</li></ul>"
        "<h3>Nice to have</h3><ul><li>Go</li></ul>",
    },
    {
        "title": "Frontend Engineer",
        "location": "Hybrid - London",
        "content": "<h2>About the role</h2><p>Build the dashboard.</p><h3>Requirements</h3><ul><li>TypeScript</li>"
        "<li>React</li><li>CSS</li></ul><h3>Nice to have</h3><ul><li>GraphQL</li></ul>",
    },
]


def remotive_jobs(tag: str, specs: list[dict]) -> dict:
    """Copies of the first recorded Remotive job with title/salary/publication date/description
    overrides and a per-test company, id and URL."""
    recorded = load("remotive/hunt_remote_jobs.json")["jobs"][0]
    items = []
    for index, spec in enumerate(specs):
        item = copy.deepcopy(recorded)
        number = _number(tag, index)
        item.update(
            {
                "id": str(number),
                "title": spec["title"],
                "company_name": spec.get("company", f"Company {index} {tag}"),
                "url": f"https://remotive.com/remote-jobs/software-dev/{tag}-{number}",
                "salary": spec.get("salary", ""),
                "publication_date": spec["published"],
                "description": spec.get("description", "<p>A remote role.</p>"),
            }
        )
        items.append(item)
    return {"jobs": items}


COMPANY_ADD = """
mutation Add($input: WatchedCompanyAddInput!) {
  watchedCompanyAdd(input: $input) { watchedCompany { id source boardToken name intervalHours nextRunAt } errors { field message code } }
}
"""


REFRESH = """
mutation Refresh($input: SourceRefreshInput!) {
  sourceRefresh(input: $input) { sourceRun { id status trigger sourcesTotal } errors { field message code } }
}
"""


RUN_FIELDS = "id status trigger sourcesTotal sourcesDone found new duplicates closed matched error outcomes { source status message found new duplicates closed }"


RUN = f"query Run($id: ID!) {{ node(id: $id) {{ ... on SourceRun {{ {RUN_FIELDS} }} }} }}"


async def add_company(user, token: str) -> str:
    payload = (await user.gql(COMPANY_ADD, {"input": {"source": "GREENHOUSE", "boardToken": token}}))["watchedCompanyAdd"]
    assert payload["errors"] == [], payload
    return payload["watchedCompany"]["id"]


async def refresh(user, **target) -> dict:
    payload = (await user.gql(REFRESH, {"input": target}))["sourceRefresh"]
    assert payload["errors"] == [], payload
    return payload["sourceRun"]


async def finished(user, run_id: str) -> dict:
    async def done():
        run = (await user.gql(RUN, {"id": run_id}))["node"]
        return run["status"] in ("COMPLETED", "COMPLETED_WITH_FAILURES", "FAILED") and run

    return await eventually(done)
