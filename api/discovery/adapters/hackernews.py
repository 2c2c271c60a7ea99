"""Hacker News "Ask HN: Who is hiring?" through the Algolia HN API.

1. GET {base}/api/v1/search_by_date?tags=story,author_whoishiring — the newest "Who is hiring?" story
   (the same account posts "Who wants to be hired?" and "Freelancer?" threads: those are skipped);
2. GET {base}/api/v1/items/{id} — the story with its comment tree.

Every TOP-LEVEL comment is one posting (replies are discussion; deleted and dead comments are skipped).
Its first line is, by the thread's convention, "Company | Role | Location | REMOTE/ONSITE | $salary | URL"
in any order after the company; dashes are accepted instead of bars when there are at least three parts.
A first line that does not split that way (a meta comment) is not a posting.
"""

from __future__ import annotations

import html
import re
from typing import Any

from api.discovery.adapters.base import SourceAdapter
from api.discovery.http import SourceError
from api.discovery.normalize import normalize_job_type, normalize_remote, parse_datetime
from api.discovery.postings import NormalizedPosting, SalaryRange, SourceQuery
from api.discovery.salary import parse_salary
from api.discovery.text import collapse_whitespace, html_to_text
from api.vocabulary import RemoteOption

_HIRING = re.compile(r"who\s+is\s+hiring", re.I)
_URL = re.compile(r"(https?://[^\s<>\"|]+|www\.[^\s<>\"|]+)", re.I)
_BARS = re.compile(r"\s*\|\s*")
_DASHES = re.compile(r"\s+[-–—]\s+")
_SALARY = re.compile(r"[$€£]\s*\d|\d\s*[kK]\b.*[-–]|\b(USD|EUR|GBP|CAD)\b\s*\d|\d+\s*(USD|EUR|GBP|CAD)\b")
_MODE = re.compile(r"^(fully\s+|100%\s+)?(remote|onsite|on-site|on\s+site|hybrid|in[-\s]office)\b", re.I)
_NOT_A_PLACE = re.compile(
    r"required|visa|equity|full[\s-]?time|part[\s-]?time|contract|intern|salary|\d+\s*(days?|dww)|relocation|sponsor", re.I
)
_ITEM_URL = "https://news.ycombinator.com/item?id={id}"


def _first_line(markup: str) -> str:
    head = re.split(r"<p>|\n", markup, maxsplit=1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'<a\s[^>]*href="([^"]*)"[^>]*>.*?</a>', r" \1 ", head, flags=re.S)))
    return collapse_whitespace(text)


def _split(line: str) -> list[str]:
    parts = [p for p in _BARS.split(line) if p.strip()]
    if len(parts) >= 2:
        return parts
    line = re.sub(r"(\d[\d,.]*\s*[kK]?)\s+[-–—]\s+([$€£]?\s*\d)", r"\1–\2", line)  # '$150k - $180k' is one range
    parts = [p for p in _DASHES.split(line) if p.strip()]
    return parts if len(parts) >= 3 else []


def _places(text: str) -> list[str]:
    text = text.strip(" ()-:,")
    return [p.strip(" ()") for p in re.split(r"\s+or\s+|\s*;\s*|\s+/\s+|\s+&\s+", text) if p.strip(" ()")]


class HackerNewsAdapter(SourceAdapter):
    name = "hackernews"
    default_base_url = "https://hn.algolia.com"

    async def _fetch(self, query: SourceQuery) -> list[NormalizedPosting]:
        found = await self.http.get_json(
            self.name,
            f"{self.base_url}/api/v1/search_by_date",
            params={"tags": "story,author_whoishiring", "hitsPerPage": 20},
        )
        hits = self._items(found, "hits")
        stories = [h for h in hits if isinstance(h.get("title"), str) and _HIRING.search(h["title"]) and h.get("objectID")]
        if not stories:
            return []
        latest = max(stories, key=lambda h: str(h.get("created_at") or ""))
        story = self._expect(
            await self.http.get_json(self.name, f"{self.base_url}/api/v1/items/{latest['objectID']}"), dict, "expected an item"
        )
        children = story.get("children")
        if not isinstance(children, list):
            raise SourceError(self.name, "unexpected response shape: the story has no 'children' list")
        return [p for p in (self.normalize(c) for c in children if isinstance(c, dict)) if p is not None]

    def normalize(self, comment: dict[str, Any]) -> NormalizedPosting | None:
        text, comment_id = comment.get("text"), comment.get("id")
        if not isinstance(text, str) or not text.strip() or comment_id is None or not comment.get("author"):
            return None  # deleted
        if comment.get("deleted") or comment.get("dead") or comment.get("type") not in (None, "comment"):
            return None
        parts = _split(_first_line(text))
        if not parts:
            return None
        url_match = _URL.search(parts[0])
        company = collapse_whitespace(_URL.sub("", parts[0])).strip(" -–—:,") or parts[0]
        title = ""
        url = url_match.group(0) if url_match else ""
        locations: list[str] = []
        remote: RemoteOption | None = None
        salary: SalaryRange | None = None
        kinds: list[str] = []
        for part in parts[1:]:
            if _URL.fullmatch(part.strip()):
                url = url or part.strip()
                continue
            if salary is None and _SALARY.search(part):
                salary = parse_salary(part)
                if salary is not None:
                    continue
            mode = _MODE.match(part)
            if mode:
                remote = remote or normalize_remote(mode.group(2))
                if "hybrid" in part.lower() and remote == RemoteOption.REMOTE:
                    remote = RemoteOption.HYBRID
                locations.extend(p for p in _places(part[mode.end() :]) if not _MODE.match(p))
                continue
            if normalize_job_type(part) and len(part) <= 25:
                kinds.append(part)
                continue
            if not title:
                title = part
            elif not _NOT_A_PLACE.search(part) and len(part) <= 80:
                mode_words = re.findall(r"\b(remote|onsite|hybrid)\b", part, re.I)
                if mode_words and remote is None:
                    remote = normalize_remote(mode_words[0])
                locations.extend(_places(re.sub(r"\(?\b(remote|onsite|hybrid)\b\)?", "", part, flags=re.I)))
        if not title:
            return None
        if not url:
            body_link = _URL.search(html.unescape(text))
            url = body_link.group(0) if body_link else _ITEM_URL.format(id=comment_id)
        roles = [r.strip() for r in re.split(r",\s*|\s+and\s+", title) if r.strip()]
        return NormalizedPosting(
            source=self.name,
            source_id=str(comment_id),
            url=url,
            company=company,
            title=title,
            locations=list(dict.fromkeys(p for p in locations if p)),
            remote=remote,
            job_type=normalize_job_type(kinds),
            salary=salary,
            description=html_to_text(text),
            posted_at=parse_datetime(comment.get("created_at_i") or comment.get("created_at")),
            tags=roles if len(roles) > 1 else [],
        )
