"""Greenhouse Job Board API: GET {base}/v1/boards/{token}/jobs?content=true"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_remote, parse_datetime, split_location_mode, split_locations
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace, escaped_html_to_text


class GreenhouseAdapter(SourceAdapter):
    name = "greenhouse"
    default_base_url = "https://boards-api.greenhouse.io"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        url = f"{self.base_url}/v1/boards/{quote(token, safe='')}/jobs"
        payload = await self.http.get_json(self.name, url, params={"content": "true"})
        jobs = self._items(payload, "jobs")
        return [p for p in (self.normalize(job, token) for job in jobs) if p is not None]

    def normalize(self, job: dict[str, Any], token: str = "") -> NormalizedPosting | None:
        job_id, title = job.get("id"), collapse_whitespace(job.get("title"))
        if job_id is None or not title:
            return None
        loc_name = collapse_whitespace((job.get("location") or {}).get("name"))
        place, mode = split_location_mode(loc_name)
        locations = split_locations(place, sep=r"[;|]") if place else []
        if not locations:
            locations = [o["location"] for o in job.get("offices") or [] if isinstance(o, dict) and o.get("location")]
        if mode is None:
            mode = normalize_remote(loc_name) if "remote" in loc_name.lower() else None
        tags = [d["name"] for d in job.get("departments") or [] if isinstance(d, dict) and d.get("name")]
        return NormalizedPosting(
            source=self.name,
            source_id=str(job_id),
            url=job.get("absolute_url") or "",
            company=collapse_whitespace(job.get("company_name")) or token.replace("-", " ").title(),
            title=title,
            locations=locations,
            remote=mode,
            job_type=None,
            salary=None,  # the board API has no structured pay; pay transparency text lives in content
            description=escaped_html_to_text(job.get("content")),
            posted_at=parse_datetime(job.get("first_published") or job.get("updated_at")),
            tags=tags,
        )
