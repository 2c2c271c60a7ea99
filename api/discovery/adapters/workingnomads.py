"""Working Nomads: GET {base}/api/exposed_jobs/  (a list of remote jobs; every job is remote)"""

from __future__ import annotations

import re
from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import parse_datetime, split_location_mode, split_locations
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption

_JOB_ID = re.compile(r"/job/go/(\d+)")


def _str(job: dict[str, Any], key: str) -> str:
    value = job.get(key)
    return collapse_whitespace(value) if isinstance(value, str) else ""


class WorkingNomadsAdapter(SourceAdapter):
    name = "workingnomads"
    default_base_url = "https://www.workingnomads.com"

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        payload = await self.http.get_json(self.name, f"{self.base_url}/api/exposed_jobs/")
        jobs = self._expect(payload, list, "expected a list of jobs")
        return [p for p in (self.normalize(job) for job in jobs if isinstance(job, dict)) if p is not None]

    def normalize(self, job: dict[str, Any]) -> NormalizedPosting | None:
        url, title = _str(job, "url"), _str(job, "title")
        if not url or not title:
            return None
        match = _JOB_ID.search(url)
        locations = []
        for part in split_locations(_str(job, "location")):
            place, _mode = split_location_mode(part)  # 'Japan - Remote' → 'Japan'
            if place and place.lower() not in ("anywhere", "worldwide"):
                locations.append(place)
        tags = [_str(job, "category_name")] + [t.strip() for t in _str(job, "tags").split(",")]
        return NormalizedPosting(
            source=self.name,
            source_id=match.group(1) if match else url,
            url=url,
            company=_str(job, "company_name"),
            title=title,
            locations=list(dict.fromkeys(locations)),
            remote=RemoteOption.REMOTE,
            description=html_to_text(job.get("description") if isinstance(job.get("description"), str) else None),
            posted_at=parse_datetime(_str(job, "pub_date") or None),
            tags=list(dict.fromkeys(t for t in tags if t)),
        )
