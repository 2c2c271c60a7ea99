"""Adzuna search API (keyed): GET {base}/v1/api/jobs/{country}/search/{page}?app_id&app_key&…

Documented response: ``{"count": n, "results": [{"id", "title", "description", "created",
"redirect_url", "company": {"display_name"}, "location": {"display_name", "area": [...]},
"salary_min", "salary_max", "salary_is_predicted", "contract_type", "contract_time",
"category": {"label", "tag"}}]}``. Salaries are annual, in the country's currency.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import JobType

COUNTRY_CURRENCY = {
    "gb": "GBP",
    "us": "USD",
    "ca": "CAD",
    "au": "AUD",
    "nz": "NZD",
    "de": "EUR",
    "fr": "EUR",
    "nl": "EUR",
    "be": "EUR",
    "at": "EUR",
    "it": "EUR",
    "es": "EUR",
    "ch": "CHF",
    "pl": "PLN",
    "br": "BRL",
    "in": "INR",
    "mx": "MXN",
    "sg": "SGD",
    "za": "ZAR",
}


class AdzunaAdapter(SourceAdapter):
    name = "adzuna"
    default_base_url = "https://api.adzuna.com"

    def __init__(
        self,
        base_url: str | None = None,
        http=None,
        *,
        app_id: str | None = None,
        app_key: str | None = None,
        country: str = "gb",
        results_per_page: int = 50,
        max_pages: int = 1,
    ) -> None:
        super().__init__(base_url, http)
        self.app_id = (app_id or "").strip() or None
        self.app_key = (app_key or "").strip() or None
        self.country = (country or "gb").lower()
        self.results_per_page = results_per_page
        self.max_pages = max(1, max_pages)

    def skip_reason(self) -> str | None:
        missing = [n for n, v in (("ADZUNA_APP_ID", self.app_id), ("ADZUNA_APP_KEY", self.app_key)) if not v]
        if not missing:
            return None
        return " and ".join(missing) + (" are not set" if len(missing) > 1 else " is not set")

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        params: dict[str, Any] = {
            "app_id": self.app_id,
            "app_key": self.app_key,
            "results_per_page": self.results_per_page,
            "content-type": "application/json",
        }
        words = [k.strip() for k in query.keywords if k.strip()]
        if len(words) == 1:
            params["what"] = words[0]
        elif words:
            params["what_or"] = " ".join(words)
        if query.locations and query.locations[0].strip():
            params["where"] = query.locations[0].strip()
        postings: list[NormalizedPosting] = []
        for page in range(1, self.max_pages + 1):
            url = f"{self.base_url}/v1/api/jobs/{quote(self.country, safe='')}/search/{page}"
            payload = await self.http.get_json(self.name, url, params=params)
            results = self._items(payload, "results")
            postings.extend(p for p in (self.normalize(r) for r in results) if p is not None)
            if len(results) < self.results_per_page:
                break
        return postings

    def normalize(self, job: dict[str, Any]) -> NormalizedPosting | None:
        job_id, title = job.get("id"), collapse_whitespace(html_to_text(job.get("title")))
        if job_id is None or not title:
            return None
        location = job.get("location") or {}
        job_type = JobType.CONTRACT if job.get("contract_type") == "contract" else normalize_job_type(job.get("contract_time"))
        category = (job.get("category") or {}).get("label")
        return NormalizedPosting(
            source=self.name,
            source_id=str(job_id),
            url=job.get("redirect_url") or "",
            company=collapse_whitespace((job.get("company") or {}).get("display_name")),
            title=title,
            locations=[location["display_name"]] if location.get("display_name") else [],
            remote=None,
            job_type=job_type,
            salary=parse_salary(
                min=job.get("salary_min"),
                max=job.get("salary_max"),
                currency=COUNTRY_CURRENCY.get(self.country),
                period="year",
            ),
            description=html_to_text(job.get("description")),
            posted_at=parse_datetime(job.get("created")),
            tags=[category] if category else [],
        )
