"""BambooHR careers list: GET https://{token}.bamboohr.com/careers/list

The list carries title, department, employment status and location, not the description (that lives
on each opening's page, https://{token}.bamboohr.com/careers/{id}, which is the posting's URL). The
default base URL is a template (``https://{token}.bamboohr.com``); a base URL without ``{token}``
(SOURCE_BASE_URLS, tests) serves the list under ``{base}/{token}/careers/list``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace
from api.vocabulary import RemoteOption

# BambooHR's locationType: 0 on-site, 1 remote, 2 hybrid
_LOCATION_TYPES = {"0": RemoteOption.ONSITE, "1": RemoteOption.REMOTE, "2": RemoteOption.HYBRID}


class BambooHrAdapter(SourceAdapter):
    name = "bamboohr"
    default_base_url = "https://{token}.bamboohr.com"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        payload = await self.http.get_json(self.name, f"{self._board_base(token)}/careers/list")
        items = self._items(payload, "result")
        return [p for p in (self.normalize(item, token) for item in items) if p is not None]

    def normalize(self, item: dict[str, Any], token: str) -> NormalizedPosting | None:
        opening_id, title = item.get("id"), collapse_whitespace(item.get("jobOpeningName"))
        if opening_id is None or not title:
            return None
        locations = []
        for loc in (item.get("location"), item.get("atsLocation")):
            if isinstance(loc, dict):
                parts = [collapse_whitespace(loc.get(k)) for k in ("city", "state", "province", "country")]
                name = ", ".join(dict.fromkeys(p for p in parts if p))
                if name and name not in locations:
                    locations.append(name)
        remote = RemoteOption.REMOTE if item.get("isRemote") is True else _LOCATION_TYPES.get(str(item.get("locationType")))
        tags = [t for t in [collapse_whitespace(item.get("departmentLabel"))] if t]
        return NormalizedPosting(
            source=self.name,
            source_id=str(opening_id),
            url=f"https://{quote(token, safe='')}.bamboohr.com/careers/{quote(str(opening_id), safe='')}",
            company=token.replace("-", " ").title(),  # the list carries no company name
            title=title,
            locations=locations,
            remote=remote,
            job_type=normalize_job_type(item.get("employmentStatusLabel") or item.get("employmentType")),
            salary=None,
            description="",
            posted_at=None,
            tags=tags,
        )
