"""Arbeitnow: GET {base}/api/job-board-api, paginated via ``links.next``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type, normalize_remote, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace, escaped_html_to_text


class ArbeitnowAdapter(SourceAdapter):
    name = "arbeitnow"
    default_base_url = "https://www.arbeitnow.com"

    def __init__(self, base_url: str | None = None, http=None, *, max_pages: int = 5) -> None:
        super().__init__(base_url, http)
        self.max_pages = max_pages

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        url: str | None = f"{self.base_url}/api/job-board-api"
        seen_urls: set[str] = set()
        postings: list[NormalizedPosting] = []
        pages = 0
        while url and pages < self.max_pages and url not in seen_urls:
            seen_urls.add(url)
            payload = await self.http.get_json(self.name, url)
            pages += 1
            for job in self._items(payload, "data"):
                posting = self.normalize(job)
                if posting is not None:
                    postings.append(posting)
            links = payload.get("links") if isinstance(payload, dict) else None
            url = self._next_url(links.get("next")) if isinstance(links, dict) else None
        return postings

    def _next_url(self, next_url: Any) -> str | None:
        """Follow ``links.next`` but always on our configured base (never to another host)."""
        if not isinstance(next_url, str) or not next_url:
            return None
        nxt, base = urlsplit(next_url), urlsplit(self.base_url)
        return urlunsplit((base.scheme, base.netloc, nxt.path, nxt.query, ""))

    def normalize(self, job: dict[str, Any]) -> NormalizedPosting | None:
        slug, title = job.get("slug"), collapse_whitespace(job.get("title"))
        if not slug or not title:
            return None
        remote = job.get("remote")
        return NormalizedPosting(
            source=self.name,
            source_id=str(slug),
            url=job.get("url") or "",
            company=collapse_whitespace(job.get("company_name")),
            title=title,
            locations=[job["location"].strip()] if job.get("location") else [],
            remote=normalize_remote(remote) if isinstance(remote, bool) else None,
            job_type=normalize_job_type(job.get("job_types") or None),
            salary=None,
            description=escaped_html_to_text(job.get("description")),
            posted_at=parse_datetime(job.get("created_at")),
            tags=[t for t in job.get("tags") or [] if isinstance(t, str) and t],
        )


__all__ = ["ArbeitnowAdapter"]
