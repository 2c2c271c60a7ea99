"""Personio XML job feed: GET https://{token}.jobs.personio.de/xml

The default base URL is a template (``https://{token}.jobs.personio.de``); a base URL without
``{token}`` (SOURCE_BASE_URLS, tests) serves the feed under ``{base}/{token}/xml``.

Parsed with the standard library's ElementTree, safely: the feed is size-limited, and any DTD
(``<!DOCTYPE``/``<!ENTITY``, the vehicle of entity-expansion and external-entity attacks) is refused
before parsing — ElementTree never fetches external entities, and with no DTD there is nothing to expand.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.http import SourceError
from api.discovery.normalize import normalize_job_type, normalize_remote, parse_datetime
from api.discovery.postings import NormalizedPosting, SourceQuery
from api.discovery.text import collapse_whitespace, html_to_text

MAX_FEED_BYTES = 10_000_000
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


def parse_xml(source: str, content: bytes) -> ET.Element:
    """The root element of a feed, or SourceError for oversized, DTD-carrying or malformed XML."""
    if len(content) > MAX_FEED_BYTES:
        raise SourceError(source, f"feed too large (over {MAX_FEED_BYTES:,} bytes)")
    if not content.strip():
        raise SourceError(source, "empty response body (expected XML)")
    if _DTD.search(content):
        raise SourceError(source, "malformed XML (document type declarations are not accepted)")
    try:
        return ET.fromstring(content)
    except ET.ParseError as exc:
        raise SourceError(source, f"malformed XML ({exc})") from exc


def _text(element: ET.Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return collapse_whitespace(found.text) if found is not None and found.text else ""


class PersonioAdapter(SourceAdapter):
    name = "personio"
    default_base_url = "https://{token}.jobs.personio.de"
    needs_board_token = True

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        token = (query.board_token or "").strip()
        board = self._board_base(token)
        response = await self.http.get(self.name, f"{board}/xml", headers={"Accept": "application/xml, text/xml"})
        root = parse_xml(self.name, response.content)
        if root.tag != "workzag-jobs":
            raise SourceError(self.name, f"unexpected response shape: root element <{root.tag}>, expected <workzag-jobs>")
        public = board if "{token}" in self.base_url else self.default_base_url.replace("{token}", token)
        return [p for p in (self.normalize(pos, token, public) for pos in root.findall("position")) if p is not None]

    def normalize(self, position: ET.Element, token: str, public: str) -> NormalizedPosting | None:
        position_id, title = _text(position, "id"), _text(position, "name")
        if not position_id or not title:
            return None
        offices = [_text(position, "office")] + [
            collapse_whitespace(o.text) for o in position.findall("additionalOffices/office") if o.text
        ]
        locations = list(dict.fromkeys(o for o in offices if o))
        remote = next((normalize_remote(o) for o in locations if "remote" in o.lower()), None)
        parts = []
        for section in position.findall("jobDescriptions/jobDescription"):
            heading, body = _text(section, "name"), html_to_text((section.findtext("value") or "").strip())
            if body:
                parts.append(f"{heading}\n\n{body}" if heading else body)
        tags = [t for t in (_text(position, "department"), _text(position, "recruitingCategory")) if t]
        kind: list[Any] = [_text(position, "employmentType"), _text(position, "schedule")]
        return NormalizedPosting(
            source=self.name,
            source_id=position_id,
            url=f"{public}/job/{position_id}",
            company=_text(position, "subcompany") or token.replace("-", " ").title(),
            title=title,
            locations=locations,
            remote=remote,
            job_type=normalize_job_type([k for k in kind if k]),
            salary=None,  # the XML feed has no pay
            description="\n\n".join(parts),
            posted_at=parse_datetime(_text(position, "createdAt") or None),
            tags=list(dict.fromkeys(tags)),
        )
