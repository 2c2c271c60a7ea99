"""We Work Remotely: one RSS feed per category, GET {base}/categories/{category}.rss

Items title themselves "Company: Role"; the region/country/state/skills/category/type/expires_at
elements are WWR's own. The feed is parsed like Personio's XML: size-limited, and any DTD refused
before the stdlib parser sees it. A job listed in several categories is kept once (by guid).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from api.discovery.adapters.base import SourceAdapter
from api.discovery.adapters.personio import parse_xml
from api.discovery.http import SourceError
from api.discovery.normalize import normalize_job_type, split_locations
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption

DEFAULT_CATEGORIES = (
    "remote-full-stack-programming-jobs",
    "remote-back-end-programming-jobs",
    "remote-front-end-programming-jobs",
    "remote-devops-sysadmin-jobs",
    "remote-design-jobs",
    "remote-product-jobs",
    "remote-customer-support-jobs",
    "remote-sales-and-marketing-jobs",
    "remote-management-and-finance-jobs",
    "all-other-remote-jobs",
)
_ANYWHERE = ("anywhere", "worldwide")


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return collapse_whitespace(found.text) if found is not None and found.text else ""


def rfc822(value: str) -> datetime | None:
    """'Tue, 11 Aug 2026 07:30:41 +0000' → an aware datetime (UTC when the date names no zone)."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class WeWorkRemotelyAdapter(SourceAdapter):
    name = "weworkremotely"
    default_base_url = "https://weworkremotely.com"

    def __init__(self, base_url: str | None = None, http=None, *, categories: str | Sequence[str] | None = None) -> None:
        super().__init__(base_url, http)
        if isinstance(categories, str):
            categories = [c.strip() for c in categories.split(",")]
        self.categories = [c for c in (categories or DEFAULT_CATEGORIES) if c]

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        found: dict[str, NormalizedPosting] = {}
        for category in self.categories:
            url = f"{self.base_url}/categories/{category}.rss"
            response = await self.http.get(self.name, url, headers={"Accept": "application/rss+xml, application/xml, text/xml"})
            root = parse_xml(self.name, response.content)
            channel = root.find("channel")
            if root.tag != "rss" or channel is None:
                raise SourceError(self.name, f"unexpected response shape: root element <{root.tag}>, expected an RSS channel")
            for item in channel.findall("item"):
                posting = self.normalize(item)
                if posting is not None:
                    found.setdefault(posting.source_id, posting)
        return list(found.values())

    def normalize(self, item: ET.Element) -> NormalizedPosting | None:
        heading, link = _text(item, "title"), _text(item, "link")
        guid = _text(item, "guid") or link
        company, sep, title = heading.partition(":")
        company, title = (company.strip(), title.strip()) if sep and title.strip() else ("", heading)
        if not guid or not title:
            return None
        places = [_text(item, "state"), _text(item, "country"), *split_locations(_text(item, "region"))]
        locations = [p for p in places if p and not any(word in p.lower() for word in _ANYWHERE)]
        skills = split_locations(_text(item, "skills"), sep=r"[,;]")
        tags = [_text(item, "category"), *skills]
        return NormalizedPosting(
            source=self.name,
            source_id=guid,
            url=link or guid,
            company=company,
            title=title,
            locations=list(dict.fromkeys(locations)),
            remote=RemoteOption.REMOTE,
            job_type=normalize_job_type(_text(item, "type") or None),
            description=html_to_text((item.findtext("description") or "").strip() or None),
            posted_at=rfc822(_text(item, "pubDate")),
            tags=list(dict.fromkeys(t for t in tags if t)),
            expires_at=rfc822(_text(item, "expires_at")),
        )
