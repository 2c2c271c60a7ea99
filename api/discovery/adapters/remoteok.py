"""Remote OK: GET {base}/api — element 0 is a legal notice, the rest are jobs."""

from __future__ import annotations

from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import parse_datetime, split_locations
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, fix_mojibake, html_to_text
from api.vocabulary import RemoteOption


class RemoteOkAdapter(SourceAdapter):
    name = "remoteok"
    default_base_url = "https://remoteok.com"

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        payload = await self.http.get_json(self.name, f"{self.base_url}/api")
        items = self._expect(payload, list, "expected a JSON array")
        jobs = [i for i in items if isinstance(i, dict) and "legal" not in i and i.get("id")]
        return [p for p in (self.normalize(job) for job in jobs) if p is not None]

    def normalize(self, job: dict[str, Any]) -> NormalizedPosting | None:
        title = collapse_whitespace(fix_mojibake(job.get("position")))
        if not title:
            return None
        location = fix_mojibake(job.get("location") or "")
        return NormalizedPosting(
            source=self.name,
            source_id=str(job["id"]),
            url=job.get("url") or job.get("apply_url") or "",
            company=collapse_whitespace(fix_mojibake(job.get("company"))),
            title=title,
            locations=split_locations(location),
            remote=RemoteOption.REMOTE,
            job_type=None,
            salary=parse_salary(
                min=job.get("salary_min"), max=job.get("salary_max"), default_currency="USD", default_period="year"
            ),
            description=html_to_text(fix_mojibake(job.get("description"))),
            posted_at=parse_datetime(job.get("date") or job.get("epoch")),
            tags=[fix_mojibake(t) for t in job.get("tags") or [] if isinstance(t, str) and t],
        )
