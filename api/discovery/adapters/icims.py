"""iCIMS career portals: the job search page, GET https://{token}.icims.com/jobs/search?ss=1&in_iframe=1&pr={page}

iCIMS has no public JSON API for listings, so the search page's job cards (``li.iCIMS_JobCardItem``)
are read with lxml: title, link (→ id), location and the header fields (Job ID, Posted Date …). A page
that links to the next one (``pr=n+1``) is followed, up to ``MAX_PAGES``. Each job's own page
({board}/jobs/{id}/job?in_iframe=1) is then read for its schema.org JobPosting (description, dates,
pay, type) with the URL import's extraction; a job page that fails leaves the card's fields. The default base URL is a template (``https://{token}.icims.com``);
a base URL without ``{token}`` (SOURCE_BASE_URLS, tests) serves the portal under ``{base}/{token}``.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml.html import HtmlElement

from api.discovery.adapters.base import SourceAdapter
from api.discovery.http import SourceError
from api.discovery.jobposting import page_postings
from api.discovery.normalize import normalize_job_type, normalize_remote, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace

MAX_DETAILS = 300  # job pages read per run: one request a second per source keeps a run inside 15 minutes
MAX_PAGES = 30  # a board cut off here (≥ 600 cards at 20 a page) exceeds source_max_postings, so nothing is closed for it
MAX_PAGE_BYTES = 5_000_000
_JOB_URL = re.compile(r"/jobs/(\d+)/")
_CARD = "//li[contains(concat(' ', normalize-space(@class), ' '), ' iCIMS_JobCardItem ')]"


def _clean_url(href: str) -> str:
    """The job link without the iframe switch."""
    return re.sub(r"[?&]in_iframe=1$", "", re.sub(r"([?&])in_iframe=1&", r"\1", href))


def _fields(card: HtmlElement) -> dict[str, str]:
    """Header fields: 'Job Locations' (sr-only label + value) and <dt>/<dd> pairs ('Job ID', 'Posted Date' …)."""
    found: dict[str, str] = {}
    for label in card.xpath(".//*[contains(@class, 'field-label')]"):
        value = label.getnext()
        name = collapse_whitespace(label.text_content()).lower()
        if value is not None and name and name != "job title":
            found.setdefault(name, collapse_whitespace(value.text_content()))
    for dt in card.xpath(".//dt"):
        dd = dt.getnext()
        if dd is not None:
            found.setdefault(collapse_whitespace(dt.text_content()).lower(), collapse_whitespace(dd.text_content()))
    return found


def _place(value: str) -> str:
    """'US-WI-Madison' → 'Madison, WI, US'; a bare 'US' stays."""
    parts = [p for p in value.split("-") if p]
    if len(parts) == 3 and len(parts[0]) == 2 and len(parts[1]) <= 3:
        return f"{parts[2]}, {parts[1]}, {parts[0]}"
    return value


class IcimsAdapter(SourceAdapter):
    name = "icims"
    default_base_url = "https://{token}.icims.com"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        url = f"{self._board_base(token)}/jobs/search"
        postings: dict[str, NormalizedPosting] = {}
        for page in range(MAX_PAGES):
            params = {"ss": "1", "in_iframe": "1", "pr": str(page)}
            response = await self.http.get(self.name, url, params=params, headers={"Accept": "text/html"})
            doc = self._parse(response.content)
            for card in doc.xpath(_CARD):
                posting = self.normalize(card, token)
                if posting is not None:
                    postings.setdefault(posting.source_id, posting)
            if not doc.xpath(f"//a[contains(@href, 'pr={page + 1}')]"):
                break
        board = self._board_base(token)
        return [
            await self._with_detail(board, posting) if index < MAX_DETAILS else posting
            for index, posting in enumerate(postings.values())
        ]

    async def _with_detail(self, board: str, posting: NormalizedPosting) -> NormalizedPosting:
        url = f"{board}/jobs/{posting.source_id}/job"
        try:
            response = await self.http.get(self.name, url, params={"in_iframe": "1"}, headers={"Accept": "text/html"})
        except SourceError:
            return posting
        if len(response.content) > MAX_PAGE_BYTES:
            return posting
        found = page_postings(response.text, posting.url)
        if not found:
            return posting
        detail = found[0]
        posting.description = detail.description
        posting.posted_at = detail.posted_at or posting.posted_at
        posting.expires_at = detail.expires_at
        posting.salary = detail.salary
        posting.job_type = detail.job_type or posting.job_type
        posting.remote = detail.remote or posting.remote
        posting.locations = detail.locations or posting.locations
        posting.company = detail.company or posting.company
        return posting

    def _parse(self, content: bytes) -> HtmlElement:
        if len(content) > MAX_PAGE_BYTES:
            raise SourceError(self.name, f"page too large (over {MAX_PAGE_BYTES:,} bytes)")
        try:
            doc = lxml.html.document_fromstring(content)
        except Exception as exc:  # an empty or unparsable document
            raise SourceError(self.name, "unexpected response shape: not an iCIMS job search page") from exc
        if not doc.xpath("//*[contains(@class, 'iCIMS_')]"):
            raise SourceError(self.name, "unexpected response shape: not an iCIMS job search page")
        return doc

    def normalize(self, card: HtmlElement, token: str) -> NormalizedPosting | None:
        anchors = card.xpath(".//a[contains(@class, 'iCIMS_Anchor')][@href]") or card.xpath(".//a[@href]")
        if not anchors:
            return None
        anchor: Any = anchors[0]
        heading = anchor.xpath(".//h3|.//h2|.//h4")
        title = collapse_whitespace(heading[0].text_content()) if heading else ""
        if not title:
            title = re.sub(r"^\d+\s*-\s*", "", collapse_whitespace(anchor.get("title")))
        href = _clean_url(anchor.get("href") or "")
        match = _JOB_URL.search(href)
        if not title or not match:
            return None
        fields = _fields(card)
        located = fields.get("job locations") or fields.get("job location") or fields.get("location") or ""
        locations = [_place(p.strip()) for p in re.split(r"\s*\|\s*", located) if p.strip()]
        remote = normalize_remote(located) if "remote" in located.lower() else None
        tags = [t for t in (fields.get("category"), fields.get("department")) if t]
        return NormalizedPosting(
            source=self.name,
            source_id=match.group(1),
            url=href,
            company=token.removeprefix("careers-").removeprefix("jobs-").replace("-", " ").title(),
            title=title,
            locations=locations,
            remote=remote,
            job_type=normalize_job_type(fields.get("type") or fields.get("position type")),
            salary=None,
            description="",  # on the job's own page, not in the listing
            posted_at=parse_datetime(fields.get("posted date") or None),
            tags=tags,
        )
