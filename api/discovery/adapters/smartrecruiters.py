"""SmartRecruiters Posting API.

List: GET {base}/v1/companies/{token}/postings?offset=&limit=100 (paged until a short page or ``totalFound``),
then one GET {base}/v1/companies/{token}/postings/{id} per posting for ``jobAd.sections`` (the
description) and ``postingUrl``. A detail that cannot be fetched (or beyond the first ``MAX_DETAILS``)
leaves that posting without a description instead of failing the whole board.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from api.discovery.adapters.base import SourceAdapter, obj
from api.discovery.http import SourceError
from api.discovery.normalize import normalize_job_type, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption

PAGE_SIZE = 100
MAX_PAGES = 10
# job pages read per run: with one request a second per source this keeps a run well inside the worker's 15 minutes
MAX_DETAILS = 300
_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


class SmartRecruitersAdapter(SourceAdapter):
    name = "smartrecruiters"
    default_base_url = "https://api.smartrecruiters.com"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        url = f"{self.base_url}/v1/companies/{quote(token, safe='')}/postings"
        items: list[dict[str, Any]] = []
        for page in range(MAX_PAGES):
            payload = await self.http.get_json(self.name, url, params={"offset": page * PAGE_SIZE, "limit": PAGE_SIZE})
            content = self._items(payload, "content")
            items.extend(content)
            total = payload.get("totalFound")
            if len(content) < PAGE_SIZE or not isinstance(total, int) or len(items) >= total:  # a short page is the last
                break
        postings = []
        for index, item in enumerate(items):
            detail = await self._detail(url, item.get("id")) if index < MAX_DETAILS else {}
            posting = self.normalize(item, detail, token)
            if posting is not None:
                postings.append(posting)
        return postings

    async def _detail(self, list_url: str, posting_id: Any) -> dict[str, Any]:
        if not posting_id:
            return {}
        try:
            payload = await self.http.get_json(self.name, f"{list_url}/{quote(str(posting_id), safe='')}")
        except SourceError:
            return {}
        return payload if isinstance(payload, dict) else {}

    def normalize(self, item: dict[str, Any], detail: dict[str, Any] | None = None, token: str = "") -> NormalizedPosting | None:
        merged = {**item, **(detail or {})}
        posting_id, title = merged.get("id"), collapse_whitespace(merged.get("name"))
        if not posting_id or not title:
            return None
        loc = obj(merged.get("location"))
        place = ", ".join(p for p in (collapse_whitespace(loc.get(k)) for k in ("city", "region")) if p) or collapse_whitespace(
            loc.get("fullLocation")
        )
        country = collapse_whitespace(loc.get("country"))
        if place and country and len(country) == 2:
            place = f"{place}, {country.upper()}"
        remote = RemoteOption.REMOTE if loc.get("remote") else RemoteOption.HYBRID if loc.get("hybrid") else None
        if remote is None and loc:
            remote = RemoteOption.ONSITE
        sections = obj(obj(merged.get("jobAd")).get("sections"))
        parts = []
        for key in _SECTIONS:
            section = sections.get(key)
            if isinstance(section, dict) and section.get("text"):
                body = html_to_text(section["text"])
                heading = collapse_whitespace(section.get("title"))
                parts.append(f"{heading}\n\n{body}" if heading and body else body)
        company = obj(merged.get("company"))
        employment = obj(merged.get("typeOfEmployment"))
        experience = obj(merged.get("experienceLevel"))
        tags = [
            label
            for obj in (merged.get("department"), merged.get("function"))
            if isinstance(obj, dict) and (label := collapse_whitespace(obj.get("label"))) and label.lower() != "other"
        ]
        slug = collapse_whitespace(company.get("identifier")) or token
        return NormalizedPosting(
            source=self.name,
            source_id=str(posting_id),
            url=merged.get("postingUrl")
            or f"https://jobs.smartrecruiters.com/{quote(slug, safe='')}/{quote(str(posting_id), safe='')}",
            company=collapse_whitespace(company.get("name")) or token.replace("-", " ").title(),
            title=title,
            locations=[place] if place else [],
            remote=remote,
            job_type=normalize_job_type(experience.get("id") if experience.get("id") == "internship" else None)
            or normalize_job_type(employment.get("label") or employment.get("id")),
            salary=None,  # the posting API has no structured pay
            description="\n\n".join(p for p in parts if p),
            posted_at=parse_datetime(merged.get("releasedDate")),
            tags=tags,
        )
