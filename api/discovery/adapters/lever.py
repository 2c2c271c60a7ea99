"""Lever Postings API: GET {base}/v0/postings/{token}?mode=json (EU: https://api.eu.lever.co)"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from api.discovery.adapters.base import SourceAdapter
from api.discovery.http import SourceError
from api.discovery.normalize import normalize_job_type, normalize_remote, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption

_WORKPLACE = {
    "remote": RemoteOption.REMOTE,
    "hybrid": RemoteOption.HYBRID,
    "on-site": RemoteOption.ONSITE,
    "onsite": RemoteOption.ONSITE,
}


class LeverAdapter(SourceAdapter):
    name = "lever"
    default_base_url = "https://api.lever.co"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        url = f"{self.base_url}/v0/postings/{quote(token, safe='')}"
        payload = await self.http.get_json(self.name, url, params={"mode": "json"})
        if isinstance(payload, dict) and payload.get("ok") is False:
            raise SourceError(self.name, f"Lever error: {payload.get('error') or 'unknown'}")
        items = self._expect(payload, list, "expected a JSON array of postings")
        return [p for p in (self.normalize(item, token) for item in items if isinstance(item, dict)) if p]

    def normalize(self, item: dict[str, Any], token: str = "") -> NormalizedPosting | None:
        posting_id, title = item.get("id"), collapse_whitespace(item.get("text"))
        if not posting_id or not title:
            return None
        cats = item.get("categories") or {}
        locations = [loc for loc in cats.get("allLocations") or [] if loc] or ([cats["location"]] if cats.get("location") else [])
        workplace = str(item.get("workplaceType") or "").lower()
        remote = _WORKPLACE.get(workplace) or normalize_remote(workplace or None)
        salary = None
        sr = item.get("salaryRange")
        if isinstance(sr, dict):
            salary = parse_salary(min=sr.get("min"), max=sr.get("max"), currency=sr.get("currency"), period=sr.get("interval"))
        # description + "lists" (What you'll do / Who you are …) + closing "additional" section,
        # converted piece by piece so one truncated fragment cannot swallow the next
        body = item.get("description") or item.get("descriptionBody")
        parts = [html_to_text(body) if body else collapse_whitespace(item.get("descriptionPlain"))]
        for section in item.get("lists") or []:
            if isinstance(section, dict):
                items = html_to_text(f"<ul>{section.get('content') or ''}</ul>")
                parts.append("\n".join(x for x in (collapse_whitespace(section.get("text")), items) if x))
        parts.append(html_to_text(item.get("additional")) or collapse_whitespace(item.get("additionalPlain")))
        tags = [cats[k] for k in ("department", "team") if cats.get(k)]
        return NormalizedPosting(
            source=self.name,
            source_id=str(posting_id),
            url=item.get("hostedUrl") or item.get("applyUrl") or "",
            company=token.replace("-", " ").title(),  # the postings API carries no company name
            title=title,
            locations=locations,
            remote=remote,
            job_type=normalize_job_type(cats.get("commitment")),
            salary=salary,
            description="\n\n".join(p for p in parts if p),
            posted_at=parse_datetime(item.get("createdAt")),
            tags=tags,
        )
