"""Ashby public job board: GET {base}/posting-api/job-board/{token}?includeCompensation=true"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type, normalize_remote, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption


class AshbyAdapter(SourceAdapter):
    name = "ashby"
    default_base_url = "https://api.ashbyhq.com"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        url = f"{self.base_url}/posting-api/job-board/{quote(token, safe='')}"
        payload = await self.http.get_json(self.name, url, params={"includeCompensation": "true"})
        jobs = self._items(payload, "jobs")
        return [p for p in (self.normalize(job, token) for job in jobs) if p is not None]

    def normalize(self, job: dict[str, Any], token: str = "") -> NormalizedPosting | None:
        job_id, title = job.get("id"), collapse_whitespace(job.get("title"))
        if not job_id or not title or job.get("isListed") is False:
            return None
        locations = [job["location"]] if job.get("location") else []
        for extra in job.get("secondaryLocations") or []:
            name = extra.get("location") if isinstance(extra, dict) else extra
            if name and name not in locations:
                locations.append(name)
        remote = normalize_remote(job.get("workplaceType"))
        if remote is None and job.get("isRemote") is True:
            remote = RemoteOption.REMOTE
        tags = [t for t in (job.get("department"), job.get("team")) if t]
        description = html_to_text(job.get("descriptionHtml")) or collapse_whitespace(job.get("descriptionPlain"))
        return NormalizedPosting(
            source=self.name,
            source_id=str(job_id),
            url=job.get("jobUrl") or job.get("applyUrl") or "",
            company=token.replace("-", " ").title(),  # the job-board API carries no company name
            title=title,
            locations=locations,
            remote=remote,
            job_type=normalize_job_type(job.get("employmentType")),
            salary=self._salary(job.get("compensation")),
            description=description,
            posted_at=parse_datetime(job.get("publishedAt")),
            tags=tags,
        )

    @staticmethod
    def _salary(comp: Any):
        """Salary component of ``compensation.summaryComponents`` (then tiers), else the summary text."""
        if not isinstance(comp, dict):
            return None
        components = list(comp.get("summaryComponents") or [])
        for tier in comp.get("compensationTiers") or []:
            if isinstance(tier, dict):
                components.extend(tier.get("components") or [])
        for c in components:
            if isinstance(c, dict) and str(c.get("compensationType", "")).lower() == "salary":
                salary = parse_salary(
                    min=c.get("minValue"),
                    max=c.get("maxValue"),
                    currency=c.get("currencyCode"),
                    period=c.get("interval"),
                )
                if salary:
                    return salary
        summary = comp.get("scrapeableCompensationSalarySummary") or comp.get("compensationTierSummary")
        return parse_salary(summary) if isinstance(summary, str) else None
