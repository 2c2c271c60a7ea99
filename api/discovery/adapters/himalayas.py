"""Himalayas: GET {base}/jobs/api?limit=…&offset=…  (a remote-jobs board; every job is remote)

The feed is newest-first and huge (100 000+ jobs): it is read a few pages deep, not to the end.
"""

from __future__ import annotations

from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption

PAGE_SIZE = 20  # the API's maximum per request
MAX_PAGES = 5


def _strings(value: Any) -> list[str]:
    return [collapse_whitespace(v) for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


class HimalayasAdapter(SourceAdapter):
    name = "himalayas"
    default_base_url = "https://himalayas.app"

    def __init__(self, base_url: str | None = None, http=None, *, pages: int = MAX_PAGES) -> None:
        super().__init__(base_url, http)
        self.pages = pages

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        postings: list[NormalizedPosting] = []
        for page in range(self.pages):
            params = {"limit": PAGE_SIZE, "offset": page * PAGE_SIZE}
            payload = await self.http.get_json(self.name, f"{self.base_url}/jobs/api", params=params)
            jobs = self._items(payload, "jobs")
            postings.extend(p for p in (self.normalize(job) for job in jobs) if p is not None)
            total = payload.get("totalCount")
            if len(jobs) < PAGE_SIZE or (isinstance(total, int) and (page + 1) * PAGE_SIZE >= total):
                break
        return postings

    def normalize(self, job: dict[str, Any]) -> NormalizedPosting | None:
        guid = collapse_whitespace(job.get("guid") if isinstance(job.get("guid"), str) else "")
        url = collapse_whitespace(job.get("applicationLink") if isinstance(job.get("applicationLink"), str) else "") or guid
        title = collapse_whitespace(job.get("title") if isinstance(job.get("title"), str) else "")
        if not (guid or url) or not title:
            return None
        categories = [c.replace("-", " ") for c in _strings(job.get("categories"))]
        tags = _strings(job.get("seniority")) + _strings(job.get("parentCategories")) + categories
        return NormalizedPosting(
            source=self.name,
            source_id=guid or url,
            url=url,
            company=collapse_whitespace(job.get("companyName") if isinstance(job.get("companyName"), str) else ""),
            title=title,
            locations=_strings(job.get("locationRestrictions")),  # empty: anywhere
            remote=RemoteOption.REMOTE,
            job_type=normalize_job_type(job.get("employmentType")),
            salary=parse_salary(
                min=job.get("minSalary"), max=job.get("maxSalary"), currency=job.get("currency"), period=job.get("salaryPeriod")
            ),
            description=html_to_text(job.get("description") if isinstance(job.get("description"), str) else None),
            posted_at=parse_datetime(job.get("pubDate")),
            tags=list(dict.fromkeys(tags)),
            expires_at=parse_datetime(job.get("expiryDate")),
        )
