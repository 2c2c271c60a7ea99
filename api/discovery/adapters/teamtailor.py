"""Teamtailor career site JSON feed: GET https://{token}.teamtailor.com/jobs.json

A JSON Feed 1.1 whose items carry a schema.org JobPosting as ``_jobposting`` (read with
:func:`api.discovery.jobposting.schema_posting`, the same mapping as URL imports). The default base URL
is a template (``https://{token}.teamtailor.com``); a base URL without ``{token}`` (SOURCE_BASE_URLS,
tests) serves the feed under ``{base}/{token}/jobs.json``.
"""

from __future__ import annotations

from typing import Any

from api.discovery.adapters.base import SourceAdapter, obj
from api.discovery.jobposting import schema_posting
from api.discovery.normalize import parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace, html_to_text


class TeamtailorAdapter(SourceAdapter):
    name = "teamtailor"
    default_base_url = "https://{token}.teamtailor.com"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        payload = await self.http.get_json(self.name, f"{self._board_base(token)}/jobs.json")
        items = self._items(payload, "items")
        company = collapse_whitespace(payload.get("title")) or token.replace("-", " ").title()
        return [p for p in (self.normalize(item, company) for item in items) if p is not None]

    def normalize(self, item: dict[str, Any], company: str) -> NormalizedPosting | None:
        raw_url = item.get("url")
        url = raw_url if isinstance(raw_url, str) else ""
        schema = obj(item.get("_jobposting"))
        found = schema_posting(schema, url)
        title = collapse_whitespace(item.get("title")) or found.title
        identifier = obj(schema.get("identifier"))
        source_id = str(identifier.get("value") or item.get("id") or "")
        if not title or not source_id:
            return None
        description = found.description or html_to_text(item.get("content_html")) or collapse_whitespace(item.get("content_text"))
        return NormalizedPosting(
            source=self.name,
            source_id=source_id,
            url=url,
            company=found.company or company,
            title=title,
            locations=found.locations,
            remote=found.remote,
            job_type=found.job_type,
            salary=found.salary,
            description=description,
            posted_at=found.posted_at or parse_datetime(item.get("date_published")),
            tags=found.tags,
            expires_at=found.expires_at,
        )
