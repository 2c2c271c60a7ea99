"""Jobicy: GET {base}/api/v2/remote-jobs?count=…&tag=…&geo=…  (remote jobs; full HTML descriptions)

``tag`` searches titles and descriptions for one term: it is sent when the saved search has exactly one
keyword. ``geo`` takes one of Jobicy's region slugs: it is sent when the search names exactly one
location Jobicy knows. Everything is filtered client side as well (the base class).
"""

from __future__ import annotations

import html
from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import fold, normalize_job_type, parse_datetime, split_locations
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption

MAX_COUNT = 50  # the API's maximum
_ANYWHERE = {"anywhere", "worldwide"}
# query location (folded) → Jobicy's geo slug
GEO_SLUGS = {
    "usa": "usa",
    "us": "usa",
    "united states": "usa",
    "canada": "canada",
    "uk": "uk",
    "united kingdom": "uk",
    "europe": "europe",
    "emea": "emea",
    "latam": "latam",
    "apac": "apac",
    "germany": "germany",
    "france": "france",
    "spain": "spain",
    "netherlands": "netherlands",
    "poland": "poland",
    "australia": "australia",
    "israel": "israel",
    "brazil": "brazil",
    "mexico": "mexico",
}


def _str(job: dict[str, Any], key: str) -> str:
    value = job.get(key)
    ok = isinstance(value, (str, int)) and not isinstance(value, bool)
    return collapse_whitespace(html.unescape(str(value))) if ok else ""  # titles/names come entity-escaped


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    items = value if isinstance(value, list) else []
    return [collapse_whitespace(html.unescape(v)) for v in items if isinstance(v, str) and v.strip()]  # 'Marketing &amp; Sales'


class JobicyAdapter(SourceAdapter):
    name = "jobicy"
    default_base_url = "https://jobicy.com"

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        params: dict[str, Any] = {"count": MAX_COUNT}
        keywords = [k.strip() for k in query.keywords if k.strip()]
        if len(keywords) == 1:
            params["tag"] = keywords[0]
        places = [fold(loc).strip() for loc in query.locations if loc.strip()]
        if len(places) == 1 and places[0] in GEO_SLUGS:
            params["geo"] = GEO_SLUGS[places[0]]
        payload = await self.http.get_json(self.name, f"{self.base_url}/api/v2/remote-jobs", params=params)
        jobs = self._items(payload, "jobs")
        return [p for p in (self.normalize(job) for job in jobs) if p is not None]

    def normalize(self, job: dict[str, Any]) -> NormalizedPosting | None:
        job_id, title = _str(job, "id"), _str(job, "jobTitle")
        if not job_id or not title:
            return None
        locations = [loc for loc in split_locations(_str(job, "jobGeo"), sep=r"[;,|]") if fold(loc) not in _ANYWHERE]
        level = _str(job, "jobLevel")
        tags = _strings(job.get("jobIndustry")) + ([level] if level and level.lower() != "any" else [])
        description = job.get("jobDescription") if isinstance(job.get("jobDescription"), str) else job.get("jobExcerpt")
        return NormalizedPosting(
            source=self.name,
            source_id=job_id,
            url=_str(job, "url") or f"https://jobicy.com/jobs/{job_id}",
            company=_str(job, "companyName"),
            title=title,
            locations=list(dict.fromkeys(locations)),
            remote=RemoteOption.REMOTE,
            job_type=normalize_job_type(_strings(job.get("jobType"))),
            salary=parse_salary(
                min=job.get("annualSalaryMin"),
                max=job.get("annualSalaryMax"),
                currency=job.get("salaryCurrency"),
                period="year",
            ),
            description=html_to_text(description if isinstance(description, str) else None),
            posted_at=parse_datetime(_str(job, "pubDate") or None),
            tags=list(dict.fromkeys(tags)),
        )
