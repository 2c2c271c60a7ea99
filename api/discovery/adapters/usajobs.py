"""USAJOBS Search API (keyed): GET {base}/api/search?Keyword=…&LocationName=…

Headers: ``Authorization-Key: <key>``, ``User-Agent: <registered email>``, ``Host: data.usajobs.gov``.
Documented response: ``{"SearchResult": {"SearchResultCount", "SearchResultItems": [{"MatchedObjectId",
"MatchedObjectDescriptor": {"PositionID", "PositionTitle", "PositionURI", "ApplyURI": [...],
"PositionLocation": [{"LocationName"}], "OrganizationName", "DepartmentName",
"PositionSchedule": [{"Name"}], "PositionOfferingType": [{"Name"}],
"PositionRemuneration": [{"MinimumRange", "MaximumRange", "RateIntervalCode"}],
"PublicationStartDate", "ApplicationCloseDate", "QualificationSummary",
"UserArea": {"Details": {"JobSummary", "TeleworkEligible", "RemoteIndicator"}}}}]}}``.
"""

from __future__ import annotations

from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.normalize import normalize_job_type, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import JobType, RemoteOption

RATE_INTERVALS = {"PA": "year", "PH": "hour", "PD": "day", "PW": "week", "PM": "month", "BW": None, "WC": None}


class UsaJobsAdapter(SourceAdapter):
    name = "usajobs"
    default_base_url = "https://data.usajobs.gov"

    def __init__(
        self,
        base_url: str | None = None,
        http=None,
        *,
        api_key: str | None = None,
        email: str | None = None,
        results_per_page: int = 100,
    ) -> None:
        super().__init__(base_url, http)
        self.api_key = (api_key or "").strip() or None
        self.email = (email or "").strip() or None
        self.results_per_page = results_per_page

    def skip_reason(self) -> str | None:
        missing = [n for n, v in (("USAJOBS_API_KEY", self.api_key), ("USAJOBS_EMAIL", self.email)) if not v]
        if not missing:
            return None
        return " and ".join(missing) + (" are not set" if len(missing) > 1 else " is not set")

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        params: dict[str, Any] = {"ResultsPerPage": self.results_per_page}
        words = [k.strip() for k in query.keywords if k.strip()]
        if words:
            params["Keyword"] = " ".join(words)
        if query.locations:
            params["LocationName"] = ";".join(loc.strip() for loc in query.locations if loc.strip())
        if query.remote is True:
            params["RemoteIndicator"] = "True"
        headers = {"Authorization-Key": self.api_key or "", "User-Agent": self.email or ""}
        payload = await self.http.get_json(self.name, f"{self.base_url}/api/search", params=params, headers=headers)
        result = self._expect(payload, dict, "expected an object").get("SearchResult")
        items = self._items(result, "SearchResultItems") if isinstance(result, dict) else self._items({}, "SearchResultItems")
        return [p for p in (self.normalize(i) for i in items) if p is not None]

    def normalize(self, item: dict[str, Any]) -> NormalizedPosting | None:
        d = item.get("MatchedObjectDescriptor") or {}
        job_id = item.get("MatchedObjectId") or d.get("PositionID")
        title = collapse_whitespace(d.get("PositionTitle"))
        if not job_id or not title:
            return None
        details = (d.get("UserArea") or {}).get("Details") or {}
        remote = None
        if _truthy(details.get("RemoteIndicator")):
            remote = RemoteOption.REMOTE
        elif _truthy(details.get("TeleworkEligible")):
            remote = RemoteOption.HYBRID
        salary = None
        for pay in d.get("PositionRemuneration") or []:
            code = str(pay.get("RateIntervalCode") or "").upper()
            salary = parse_salary(
                min=pay.get("MinimumRange"),
                max=pay.get("MaximumRange"),
                currency="USD",
                period=RATE_INTERVALS.get(code, pay.get("Description")),
            )
            if salary:
                break
        schedules = [s.get("Name") for s in d.get("PositionSchedule") or [] if isinstance(s, dict)]
        offering = [s.get("Name") for s in d.get("PositionOfferingType") or [] if isinstance(s, dict)]
        job_type = (
            normalize_job_type(offering) if normalize_job_type(offering) in (JobType.TEMPORARY, JobType.INTERNSHIP) else None
        )
        job_type = job_type or normalize_job_type(schedules)
        description = html_to_text(details.get("JobSummary")) or collapse_whitespace(d.get("QualificationSummary"))
        tags = [c["Name"] for c in d.get("JobCategory") or [] if isinstance(c, dict) and c.get("Name")]
        return NormalizedPosting(
            source=self.name,
            source_id=str(job_id),
            url=d.get("PositionURI") or next(iter(d.get("ApplyURI") or []), ""),
            company=collapse_whitespace(d.get("OrganizationName") or d.get("DepartmentName")),
            title=title,
            locations=[
                loc["LocationName"]
                for loc in d.get("PositionLocation") or []
                if isinstance(loc, dict) and loc.get("LocationName")
            ],
            remote=remote,
            job_type=job_type,
            salary=salary,
            description=description,
            posted_at=parse_datetime(d.get("PublicationStartDate")),
            tags=tags,
        )


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")
