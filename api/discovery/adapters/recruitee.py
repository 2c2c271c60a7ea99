"""Recruitee careers site API: GET https://{token}.recruitee.com/api/offers/

The default base URL is a template (``https://{token}.recruitee.com``); a base URL without
``{token}`` (SOURCE_BASE_URLS, tests) serves the board under ``{base}/{token}/api/offers/``.
"""

from __future__ import annotations

import re
from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type, parse_datetime
from api.discovery.postings import NormalizedPosting, SalaryRange, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption


def recruitee_datetime(value: Any):
    """Recruitee writes '2026-08-11 20:45:29 UTC'."""
    if isinstance(value, str):
        value = re.sub(r"\s*UTC$", "+00:00", value.strip()).replace(" ", "T", 1)
    return parse_datetime(value)


class RecruiteeAdapter(SourceAdapter):
    name = "recruitee"
    default_base_url = "https://{token}.recruitee.com"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        payload = await self.http.get_json(self.name, f"{self._board_base(token)}/api/offers/")
        offers = self._items(payload, "offers")
        return [p for p in (self.normalize(offer, token) for offer in offers) if p is not None]

    def normalize(self, offer: dict[str, Any], token: str = "") -> NormalizedPosting | None:
        offer_id, title = offer.get("id"), collapse_whitespace(offer.get("title"))
        if offer_id is None or not title or offer.get("status") not in (None, "published"):
            return None
        locations: list[str] = []
        for loc in offer.get("locations") or []:
            if isinstance(loc, dict):
                parts = [collapse_whitespace(loc.get(k)) for k in ("city", "state", "country")]
                name = ", ".join(dict.fromkeys(p for p in parts if p)) or collapse_whitespace(loc.get("name"))
                if name and name not in locations:
                    locations.append(name)
        if not locations:
            parts = [collapse_whitespace(offer.get(k)) for k in ("city", "state_name", "country")]
            locations = [", ".join(dict.fromkeys(p for p in parts if p))] if any(parts) else []
        remote = (
            RemoteOption.REMOTE
            if offer.get("remote")
            else RemoteOption.HYBRID
            if offer.get("hybrid")
            else RemoteOption.ONSITE
            if offer.get("on_site")
            else None
        )
        parts = [html_to_text(offer.get("description")), html_to_text(offer.get("requirements"))]
        tags = [t for t in [collapse_whitespace(offer.get("department"))] if t]
        tags += [collapse_whitespace(t) for t in offer.get("tags") or [] if isinstance(t, str) and t.strip()]
        return NormalizedPosting(
            source=self.name,
            source_id=str(offer_id),
            url=offer.get("careers_url") or "",
            company=collapse_whitespace(offer.get("company_name")) or token.replace("-", " ").title(),
            title=title,
            locations=locations,
            remote=remote,
            job_type=normalize_job_type(offer.get("employment_type_code")),
            salary=self._salary(offer.get("salary")),
            description="\n\n".join(p for p in parts if p),
            posted_at=recruitee_datetime(offer.get("published_at") or offer.get("created_at")),
            tags=list(dict.fromkeys(tags)),
            expires_at=recruitee_datetime(offer.get("close_at")),
        )

    @staticmethod
    def _salary(salary: Any) -> SalaryRange | None:
        if not isinstance(salary, dict):
            return None
        found = parse_salary(
            min=salary.get("min"), max=salary.get("max"), currency=salary.get("currency"), period=salary.get("period")
        )
        # employers type yearly pay in thousands ('75.00'–'95.00' per year): no yearly salary is under 1 000
        if found and found.period == "year" and max(found.min or 0, found.max or 0) < 1000:
            found = SalaryRange(
                min=found.min * 1000 if found.min else None,
                max=found.max * 1000 if found.max else None,
                currency=found.currency,
                period=found.period,
            )
        return found
