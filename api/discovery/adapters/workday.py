"""Workday career sites (CXS JSON API).

Token: ``tenant/site/wdN`` — e.g. ``workday/Workday/wd5`` for https://workday.wd5.myworkdayjobs.com/Workday —
or that careers URL itself (``https://{tenant}.{wdN}.myworkdayjobs.com/[en-US/]{site}``), which
:func:`workday_token` turns into the token.

List: POST {host}/wday/cxs/{tenant}/{site}/jobs with ``{"appliedFacets": {}, "limit": 20, "offset": n,
"searchText": ""}``, paged until ``total``; detail: GET {host}/wday/cxs/{tenant}/{site}{externalPath}
(description, start date, hiring organisation). A detail that cannot be fetched leaves that posting
without a description. The default base URL is the template ``https://{tenant}.{wd}.myworkdayjobs.com``;
a base URL without placeholders (SOURCE_BASE_URLS, tests) is used as the host as it is.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from api.discovery.adapters.base import SourceAdapter, obj
from api.discovery.http import SourceError
from api.discovery.normalize import normalize_job_type, normalize_remote, parse_datetime
from api.discovery.postings import NormalizedPosting, SalaryRange, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption

PAGE_SIZE = 20  # the CXS API refuses larger pages
MAX_DETAILS = 300  # job pages read per run: one request a second per source keeps a run inside 15 minutes
MAX_PAGES = 30  # 600 postings: a board cut off here exceeds source_max_postings (500), so nothing is closed for it
_PART = r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}"
_TOKEN = re.compile(rf"^({_PART})/({_PART})/(wd\d{{1,3}})$", re.I)
_URL = re.compile(
    rf"^https?://({_PART})\.(wd\d{{1,3}})\.myworkdayjobs\.com/(?:[a-z]{{2}}-[A-Z]{{2}}/)?({_PART})(?:[/?#].*)?$", re.I
)
_POSTED = re.compile(r"posted\s+(today|yesterday|(\d+)\+?\s+days?\s+ago)", re.I)
_PAY = re.compile(r"pay range[^:\n]*:\s*([^\n]+)", re.I)
_DOTTED_PLACE = re.compile(r"^([A-Z]{2,3})\.([A-Z]{2})\.(.+)$")


def workday_token(raw: str | None) -> str | None:
    """'tenant/site/wdN' from such a token or from a careers-site URL; None when it is neither."""
    value = (raw or "").strip().rstrip("/")
    if match := _TOKEN.match(value):
        return f"{match.group(1)}/{match.group(2)}/{match.group(3).lower()}"
    if match := _URL.match(value):
        return f"{match.group(1)}/{match.group(3)}/{match.group(2).lower()}"
    return None


def posted_on(text: Any, today: date) -> datetime | None:
    """'Posted Today' / 'Posted Yesterday' / 'Posted 3 Days Ago' / 'Posted 30+ Days Ago' → a UTC date."""
    match = _POSTED.search(text) if isinstance(text, str) else None
    if not match:
        return None
    word = match.group(1).lower()
    days = 0 if word == "today" else 1 if word == "yesterday" else int(match.group(2))
    day = today - timedelta(days=days)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _place(text: str) -> str:
    """'USA.VA.Reston' → 'Reston, VA, USA'; other names stay."""
    match = _DOTTED_PLACE.match(text)
    return f"{match.group(3)}, {match.group(2)}, {match.group(1)}" if match else text


class WorkdayAdapter(SourceAdapter):
    name = "workday"
    default_base_url = "https://{tenant}.{wd}.myworkdayjobs.com"
    needs_board_token = True

    def _host(self, tenant: str, wd: str) -> str:
        return self.base_url.replace("{tenant}", quote(tenant, safe="")).replace("{wd}", quote(wd, safe=""))

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = workday_token(query.board_token)
        if token is None:
            raise SourceError(self.name, "the board token must be 'tenant/site/wdN' or the careers site URL")
        tenant, site, wd = token.split("/")
        cxs = f"{self._host(tenant, wd)}/wday/cxs/{quote(tenant, safe='')}/{quote(site, safe='')}"
        items: list[dict[str, Any]] = []
        for page in range(MAX_PAGES):
            body = {"appliedFacets": {}, "limit": PAGE_SIZE, "offset": page * PAGE_SIZE, "searchText": ""}
            payload = await self.http.get_json(self.name, f"{cxs}/jobs", json_body=body)
            batch = self._items(payload, "jobPostings")
            items.extend(batch)
            total = payload.get("total")
            if len(batch) < PAGE_SIZE or not isinstance(total, int) or len(items) >= total:
                break
        today = datetime.now(UTC).date()
        postings = []
        for index, item in enumerate(items):
            detail = await self._detail(cxs, item.get("externalPath")) if index < MAX_DETAILS else {}
            posting = self.normalize(item, detail, tenant=tenant, site=site, wd=wd, today=today)
            if posting is not None:
                postings.append(posting)
        return postings

    async def _detail(self, cxs: str, path: Any) -> dict[str, Any]:
        if not isinstance(path, str) or not path.startswith("/job/"):
            return {}
        try:
            payload = await self.http.get_json(self.name, f"{cxs}{quote(path, safe='/')}")
        except SourceError:
            return {}
        return payload if isinstance(payload, dict) else {}

    def normalize(
        self, item: dict[str, Any], detail: dict[str, Any], *, tenant: str, site: str, wd: str, today: date
    ) -> NormalizedPosting | None:
        info = obj(detail.get("jobPostingInfo"))
        title = collapse_whitespace(info.get("title") or item.get("title"))
        path = item.get("externalPath") or ""
        bullets = [b for b in item.get("bulletFields") or [] if isinstance(b, str)]
        source_id = collapse_whitespace(info.get("jobReqId")) or (bullets[0] if bullets else "") or path
        if not title or not source_id:
            return None
        located = collapse_whitespace(info.get("location") or item.get("locationsText"))
        locations = [_place(located)] if located and not re.fullmatch(r"\d+ Locations?", located, re.I) else []
        for extra in info.get("additionalLocations") or []:
            if isinstance(extra, str) and _place(extra) not in locations:
                locations.append(_place(extra))
        remote_type = collapse_whitespace(info.get("remoteType") or item.get("remoteType")).lower()
        remote = {"flex": RemoteOption.HYBRID, "onsite": RemoteOption.ONSITE}.get(remote_type) or normalize_remote(
            remote_type or None
        )
        description = html_to_text(info.get("jobDescription"))
        org = obj(detail.get("hiringOrganization"))
        return NormalizedPosting(
            source=self.name,
            source_id=source_id,
            url=info.get("externalUrl") or f"https://{tenant}.{wd}.myworkdayjobs.com/{site}{path}",
            company=collapse_whitespace(org.get("name")) or tenant.replace("-", " ").title(),
            title=title,
            locations=locations,
            remote=remote,
            job_type=normalize_job_type(info.get("timeType")),
            salary=self._salary(description),
            description=description,
            posted_at=parse_datetime(info.get("startDate")) or posted_on(info.get("postedOn") or item.get("postedOn"), today),
            tags=[],
            expires_at=parse_datetime(info.get("endDate")),
        )

    @staticmethod
    def _salary(description: str) -> SalaryRange | None:
        """The first 'Pay Range: $151,500 USD - $227,300 USD' line of the description."""
        match = _PAY.search(description)
        return parse_salary(match.group(1), default_period="year") if match else None
