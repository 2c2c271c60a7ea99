"""Remotive: GET {base}/api/remote-jobs?search=…  (every job is remote)"""

from __future__ import annotations

from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type, parse_datetime, split_locations
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption


class RemotiveAdapter(SourceAdapter):
    name = "remotive"
    default_base_url = "https://remotive.com"

    def __init__(self, base_url: str | None = None, http=None, *, limit: int | None = None) -> None:
        super().__init__(base_url, http)
        self.limit = limit

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        params: dict[str, Any] = {}
        # Remotive's search takes one term; with several keywords we filter client side only.
        if len(query.keywords) == 1 and query.keywords[0].strip():
            params["search"] = query.keywords[0].strip()
        if self.limit:
            params["limit"] = self.limit
        payload = await self.http.get_json(self.name, f"{self.base_url}/api/remote-jobs", params=params or None)
        jobs = self._items(payload, "jobs")
        return [p for p in (self.normalize(job) for job in jobs) if p is not None]

    def normalize(self, job: dict[str, Any]) -> NormalizedPosting | None:
        job_id, title = job.get("id"), collapse_whitespace(job.get("title"))
        if job_id is None or not title:
            return None
        tags = [t.strip() for t in job.get("tags") or [] if isinstance(t, str) and t.strip()]
        if job.get("category"):
            tags.insert(0, job["category"])
        return NormalizedPosting(
            source=self.name,
            source_id=str(job_id),
            url=job.get("url") or "",
            company=collapse_whitespace(job.get("company_name")),
            title=title,
            locations=split_locations(job.get("candidate_required_location")),
            remote=RemoteOption.REMOTE,
            job_type=normalize_job_type(job.get("job_type")),
            salary=parse_salary(job.get("salary") or None),
            description=html_to_text(job.get("description")),
            posted_at=parse_datetime(job.get("publication_date")),
            tags=tags,
        )
