"""Workable job widget API: GET {base}/api/v1/widget/accounts/{token}?details=true"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption


class WorkableAdapter(SourceAdapter):
    name = "workable"
    default_base_url = "https://apply.workable.com"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        url = f"{self.base_url}/api/v1/widget/accounts/{quote(token, safe='')}"
        payload = await self.http.get_json(self.name, url, params={"details": "true"})
        jobs = self._items(payload, "jobs")
        company = collapse_whitespace(payload.get("name")) or token.replace("-", " ").title()
        return [p for p in (self.normalize(job, company) for job in jobs) if p is not None]

    def normalize(self, job: dict[str, Any], company: str) -> NormalizedPosting | None:
        shortcode, title = job.get("shortcode"), collapse_whitespace(job.get("title"))
        if not shortcode or not title:
            return None
        places = [loc for loc in job.get("locations") or [] if isinstance(loc, dict) and not loc.get("hidden")] or [job]
        locations: list[str] = []
        for loc in places:
            parts = [collapse_whitespace(loc.get(k)) for k in ("city", "region", "state", "country")]
            name = ", ".join(dict.fromkeys(p for p in parts if p))
            if name and name not in locations:
                locations.append(name)
        tags = [t for t in (collapse_whitespace(job.get("department")), collapse_whitespace(job.get("function"))) if t]
        return NormalizedPosting(
            source=self.name,
            source_id=str(shortcode),
            url=job.get("url") or job.get("shortlink") or f"https://apply.workable.com/j/{quote(str(shortcode), safe='')}",
            company=company,
            title=title,
            locations=locations,
            remote=RemoteOption.REMOTE if job.get("telecommuting") is True else None,
            job_type=normalize_job_type(job.get("employment_type")),
            salary=None,  # the widget API carries no pay
            description=html_to_text(job.get("description")),
            posted_at=parse_datetime(job.get("published_on") or job.get("created_at")),
            tags=list(dict.fromkeys(tags)),
        )
